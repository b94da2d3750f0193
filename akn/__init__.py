"""Akoma Ntoso 3.0: a debate written as an AKN4UN ``debateReport``, checked against the OASIS schema, and read back."""
