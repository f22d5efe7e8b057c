"""Real servers for the tests: Dovecot (IMAP) and aiosmtpd (SMTP), on loopback."""
