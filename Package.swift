// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

var package = Package(
    name: "Parley",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "parley", targets: ["parley"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0", traits: ["FullFoundation"]),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "ParleyModel"),
        .target(name: "CParleyMem"),
        .target(
            name: "ParleyText",
            dependencies: ["ParleyModel", "CParleyMem"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "ParleyCoding",
            dependencies: ["ParleyModel", "ParleyText"],
            resources: [.copy("Resources")]
        ),
        .target(name: "ParleyIngest", dependencies: ["ParleyModel", "ParleyStore", "ParleyText", "ParleyCoding", "CLibXML2"]),
        .target(
            name: "ParleyStore",
            dependencies: [
                "ParleyModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "ParleyPostgres",
            dependencies: ["ParleyModel", "ParleyStore", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "ParleyAnalysis",
            dependencies: ["ParleyModel", "ParleyStore", "ParleyText"],
            resources: [.copy("Resources")]
        ),
        .target(
            name: "ParleyInterop",
            dependencies: ["ParleyModel", "ParleyStore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "ParleyServer",
            dependencies: [
                "ParleyModel", "ParleyStore", "ParleyIngest", "ParleyAnalysis", "ParleyCoding",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(name: "ParleyEval", dependencies: ["ParleyModel", "ParleyText", "ParleyCoding"]),
        .executableTarget(
            name: "parley",
            dependencies: [
                "ParleyModel", "ParleyText", "ParleyCoding", "ParleyIngest", "ParleyStore",
                "ParleyAnalysis", "ParleyEval", "ParleyInterop", "ParleyServer", "ParleyPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Demo")]
        ),
        .testTarget(name: "ParleyTextTests", dependencies: ["ParleyText", "ParleyModel"]),
        .testTarget(name: "ParleyCodingTests", dependencies: ["ParleyCoding", "ParleyText", "ParleyModel"]),
        .testTarget(name: "ParleyIngestTests", dependencies: ["ParleyIngest", "ParleyStore", "ParleyModel"]),
        .testTarget(name: "ParleyStoreTests", dependencies: ["ParleyStore", "ParleyModel"]),
        .testTarget(name: "ParleyAnalysisTests", dependencies: ["ParleyAnalysis", "ParleyStore", "ParleyText", "ParleyModel"]),
        .testTarget(
            name: "ParleyInteropTests",
            dependencies: ["ParleyInterop", "ParleyStore", "ParleyModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "ParleyServerTests",
            dependencies: [
                "ParleyServer", "ParleyStore", "ParleyModel", "ParleyIngest", "ParleyAnalysis", "ParleyTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .target(name: "ParleyTestSupport", path: "Tests/ParleyTestSupport"),
        .testTarget(name: "ParleyStoreContractTests", dependencies: ["ParleyStore", "ParleyPostgres", "ParleyModel"]),
        .testTarget(
            name: "ParleyCLITests",
            dependencies: ["parley", "ParleyStore", "ParleyModel", "ParleyTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + swiftSettings
}
