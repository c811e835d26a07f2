"""The patient's side: the intake form, the result page and the handout download."""
