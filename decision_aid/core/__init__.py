"""Qt-free core: the data contract, scoring, charts, consultation records and reports."""
