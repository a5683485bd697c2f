// The few types from Tūtahi's lower layers that plugins use, re-exported so a plugin imports
// `TutahiPluginAPI` alone. Everything else in those modules (the YAML tree, the loaders' column
// storage) is machinery for the core and stays out of a plugin's sight.

/// The log a plugin writes to (``IndicatorSetup/logger``, ``SinkSetup/logger``).
@_exported import struct Logging.Logger
/// A decoded option with its position in the config, for errors about it.
@_exported import struct TutahiYAML.Located
/// An option decoded from one of a fixed set of words.
@_exported import protocol TutahiYAML.ChoiceDecodable
/// A coding key for options read by hand.
@_exported import struct TutahiYAML.AnyKey
/// A position in a file, and an error at one.
@_exported import struct TutahiSupport.SourceMark
@_exported import struct TutahiSupport.SourceError
/// Writing whole files and descriptors, for sinks.
@_exported import enum TutahiSupport.AtomicFile
@_exported import enum TutahiSupport.FileDescriptorIO
