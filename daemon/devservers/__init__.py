"""Real mail servers on loopback for the tests and `debrief demo`.

Dovecot (IMAP) started from a throwaway config, and aiosmtpd (SMTP) with fault
injection. Never used by the service itself.
"""
