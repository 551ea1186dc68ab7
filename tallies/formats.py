"""The export formats, apart from their writers so that the CLI's help names them cheaply."""

FORMATS = ("csv", "xlsx", "md", "json", "docx", "answers", "equality")
EQUALITY_FORMATS = ("json", "csv", "md")  # granska export equality --format
SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "md": ".md", "json": ".json", "docx": ".docx",
          "answers": ".csv", "equality": ".json"}  # equality: JSON unless --format says so
