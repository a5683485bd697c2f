// swift-tools-version:6.0
import Foundation
import PackageDescription

let package = Package(
    name: "Tutahi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tutahi", targets: ["tutahi"]),
        .library(name: "TutahiPluginAPI", targets: ["TutahiPluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.27.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .target(name: "TutahiYAML", dependencies: ["CYAML"]),
        .target(
            name: "TutahiPluginAPI",
            dependencies: ["TutahiYAML", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TutahiCore",
            dependencies: ["TutahiPluginAPI", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "TutahiStore",
            dependencies: ["TutahiCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "SurveyIndicators", dependencies: ["TutahiPluginAPI"], path: "Plugins/SurveyIndicators", exclude: ["README.md"]),
        .target(name: "InteractionIndicators", dependencies: ["TutahiPluginAPI"], path: "Plugins/InteractionIndicators", exclude: ["README.md"]),
        .target(name: "FileSinks", dependencies: ["TutahiPluginAPI"], path: "Plugins/FileSinks", exclude: ["README.md"]),
        .target(
            name: "TutahiTemplates",
            dependencies: ["TutahiPluginAPI", .product(name: "Mustache", package: "swift-mustache")]
        ),
        .target(
            name: "ReportSinks",
            dependencies: ["TutahiPluginAPI", "TutahiTemplates"],
            path: "Plugins/ReportSinks", exclude: ["README.md"]
        ),
        .target(
            name: "NotificationSinks",
            dependencies: [
                "TutahiPluginAPI", "TutahiTemplates",
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Plugins/NotificationSinks", exclude: ["README.md"]
        ),
        .target(name: "ExecIndicator", dependencies: ["TutahiPluginAPI"], path: "Plugins/ExecIndicator", exclude: ["README.md"]),
        .target(
            name: "TutahiBuiltins",
            dependencies: ["TutahiCore", "SurveyIndicators", "InteractionIndicators", "FileSinks", "ReportSinks", "NotificationSinks", "ExecIndicator"]
        ),
        .executableTarget(
            name: "tutahi",
            dependencies: [
                "TutahiCore", "TutahiStore", "TutahiBuiltins",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The parsers libFuzzer exercises (scripts/fuzz), and the tests replay its corpus through.
        .target(name: "TutahiFuzzing", dependencies: ["TutahiCore", "TutahiBuiltins", "ExecIndicator"]),
        .testTarget(
            name: "TutahiTests",
            dependencies: ["TutahiYAML", "TutahiPluginAPI", "TutahiCore", "TutahiStore", "TutahiBuiltins", "TutahiFuzzing",
                           "SurveyIndicators", "InteractionIndicators", "FileSinks", "ReportSinks", "NotificationSinks", "ExecIndicator",
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Scripts", "Golden"]
        ),
    ]
)

// `scripts/fuzz` builds the libFuzzer driver with TUTAHI_FUZZ=1 and `-sanitize=fuzzer,address`; an
// ordinary build never sees it.
if ProcessInfo.processInfo.environment["TUTAHI_FUZZ"] != nil {
    package.targets.append(.executableTarget(name: "tutahi-fuzz", dependencies: ["TutahiFuzzing"], path: "Fuzz/Driver"))
}
