"""The export formats, apart from their writers so that the CLI's help names them cheaply."""

FORMATS = ("csv", "xlsx", "md", "json", "docx", "answers")
SUFFIX = {"csv": ".csv", "xlsx": ".xlsx", "md": ".md", "json": ".json", "docx": ".docx",
          "answers": ".csv"}
