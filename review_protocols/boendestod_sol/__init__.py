"""The review of housing-support decisions (boendestöd, SoL): its case-file generator."""
