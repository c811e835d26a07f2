"""The staff side: sign-in, the live queue, case review, prints, exports and the audit view."""
