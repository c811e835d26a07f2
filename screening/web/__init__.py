"""What every web part shares: the parent blueprint and its hooks, state, languages, kiosk, framing, security headers, rate limits."""
