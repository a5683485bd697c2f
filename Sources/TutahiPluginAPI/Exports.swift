@_exported import Logging
@_exported import TutahiYAML
