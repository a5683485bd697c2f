// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The built-in plugins: one folder under `Plugins/` each, seeing only the plugin API (and what
/// is named beside it). A new plugin is its folder plus one line here; the folder's module must
/// have a public `registerPlugins(in:)` (see docs/plugins.md).
let builtinPlugins: [(name: String, dependencies: [Target.Dependency])] = [
    ("SurveyIndicators", []),
    ("InteractionIndicators", []),
    ("ExecIndicator", []),
    ("FileSinks", []),
    ("ReportSinks", ["TutahiTemplates"]),
    ("NotificationSinks", [
        "TutahiTemplates",
        .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
    ]),
]

let pluginNames = builtinPlugins.map { Target.Dependency(stringLiteral: $0.name) }
let packageDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path

/// A plugin target: its folder's README is documentation, not source.
func pluginTarget(_ name: String, dependencies: [Target.Dependency]) -> Target {
    let readme = FileManager.default.fileExists(atPath: "\(packageDirectory)/Plugins/\(name)/README.md")
    return .target(
        name: name, dependencies: ["TutahiPluginAPI"] + dependencies, path: "Plugins/\(name)",
        exclude: readme ? ["README.md"] : [])
}

let package = Package(
    name: "Tutahi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tutahi", targets: ["tutahi"]),
        .library(name: "TutahiPluginAPI", targets: ["TutahiPluginAPI"]),
        .library(name: "TutahiPluginTesting", targets: ["TutahiPluginTesting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.1.0"),
    ],
    targets: [
        // Layers, lowest first: each sees only those above it in this list.
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "TutahiSupport"),
        .target(name: "TutahiColumns"),
        .target(name: "TutahiYAML", dependencies: ["CYAML", "TutahiSupport"]),
        .target(
            name: "TutahiPluginAPI",
            dependencies: ["TutahiYAML", "TutahiSupport", "TutahiColumns", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TutahiCore",
            dependencies: [
                "TutahiPluginAPI", "TutahiYAML", "TutahiSupport", "TutahiColumns",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TutahiStore",
            dependencies: [
                "TutahiCore", "TutahiSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "TutahiTemplates",
            dependencies: ["TutahiPluginAPI", .product(name: "Mustache", package: "swift-mustache")]
        ),
        // The live view `serve` gives with `http:`: pages, the API and metrics, for each viewer.
        .target(
            name: "TutahiDashboard",
            dependencies: [
                "TutahiCore", "TutahiStore", "TutahiTemplates", "TutahiSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ] + builtinPlugins.map { pluginTarget($0.name, dependencies: $0.dependencies) } + [
        // Writes the registration of every module in `builtinPlugins` into TutahiBuiltins.
        .plugin(name: "BuiltinPluginList", capability: .buildTool(), path: "BuildTools/BuiltinPluginList"),
        .target(
            name: "TutahiBuiltins",
            dependencies: ["TutahiCore"] + pluginNames,
            plugins: [.plugin(name: "BuiltinPluginList")]
        ),
        .executableTarget(
            name: "tutahi",
            dependencies: [
                "TutahiCore", "TutahiStore", "TutahiBuiltins", "TutahiSupport", "TutahiYAML", "TutahiDashboard",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // For plugin authors' tests: evidence built by hand, and a check that a plugin measures
        // the same serially and in parallel.
        .target(name: "TutahiPluginTesting", dependencies: ["TutahiPluginAPI", "TutahiCore", "TutahiColumns", "TutahiYAML", "TutahiSupport"]),
        // The parsers libFuzzer exercises (scripts/fuzz), and the tests replay its corpus through.
        .target(
            name: "TutahiFuzzing",
            dependencies: ["TutahiCore", "TutahiBuiltins", "TutahiPluginTesting", "TutahiYAML", "TutahiSupport"] + pluginNames
        ),
        // Helpers both test targets share: scratch folders, worlds on disk, the binary, test servers.
        .target(
            name: "TutahiTestSupport",
            dependencies: ["TutahiCore", "TutahiBuiltins", "TutahiPluginAPI", "TutahiSupport", "TutahiYAML", "TutahiStore"],
            path: "Tests/TutahiTestSupport"
        ),
        // Unit tests: need nothing installed beyond what builds the package.
        .testTarget(
            name: "TutahiUnitTests",
            dependencies: [
                "TutahiTestSupport", "TutahiPluginTesting", "TutahiSupport", "TutahiColumns", "TutahiYAML",
                "TutahiPluginAPI", "TutahiCore", "TutahiStore", "TutahiBuiltins", "TutahiFuzzing",
                .product(name: "GRDB", package: "GRDB.swift"),
            ] + pluginNames
        ),
        // Integration tests: the real binary, Python servers and references, Chromium, DuckDB
        // (scripts/test installs them).
        .testTarget(
            name: "TutahiIntegrationTests",
            dependencies: [
                "TutahiTestSupport", "TutahiPluginTesting", "TutahiSupport", "TutahiYAML", "TutahiPluginAPI",
                "TutahiCore", "TutahiStore", "TutahiBuiltins",
                .product(name: "GRDB", package: "GRDB.swift"),
            ] + pluginNames,
            exclude: ["Scripts", "Golden"]
        ),
    ]
)

// `scripts/fuzz` builds the libFuzzer driver with TUTAHI_FUZZ=1 and `-sanitize=fuzzer,address`; an
// ordinary build never sees it.
if ProcessInfo.processInfo.environment["TUTAHI_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "tutahi-fuzz", dependencies: ["TutahiFuzzing"], path: "Fuzz/Driver"))
}
