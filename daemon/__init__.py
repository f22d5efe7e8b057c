"""debrief: follow up on job rejections, politely, and only with your approval."""

__version__ = "0.1.0"
