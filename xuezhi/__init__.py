"""学知 xuezhi: study and self-test tool for 《信访工作条例》."""

__version__ = "0.1.0"
