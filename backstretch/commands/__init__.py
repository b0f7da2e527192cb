"""The command-line commands, one module each; backstretch.cli parses the arguments and picks one.

Only `say`, the self-test's Qt probe and the report's PDF writer import Qt (an import-linter
contract keeps it so): the others stay fast, because the system's scheduler and scripts run them.
"""
