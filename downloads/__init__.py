"""The whole published archive as research downloads (CSV, JSON Lines, a Frictionless data package) at /downloads/."""
