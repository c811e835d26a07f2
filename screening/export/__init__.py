"""What leaves the system: FHIR resources, CSV, the staff summary PDF. No Flask:
the web layer and the API hand these builders stored rows and plain values."""
