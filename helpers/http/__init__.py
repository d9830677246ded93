"""The HTTP edge shared by every family: request bodies and parameters, auth and rate-limit
guards, caching and security headers, and how errors become JSON answers."""
