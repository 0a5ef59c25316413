"""Security plumbing shared by the web, the API and the citizen portal: counting failed attempts, security
headers, the secret-key rule and answering 503 while the database is away (see ADR 0013)."""
