@_exported import TutahiYAML
