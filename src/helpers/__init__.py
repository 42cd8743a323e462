"""Helper package of the conflict-events workbook: one module per stage plus shared pieces."""
