// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kdpipe",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kdpipe", targets: ["kdpipe"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CKDBytes"),
        .target(name: "KDCore", dependencies: ["CKDBytes"]),
        .target(
            name: "KDIngest",
            dependencies: ["KDCore", "CLibXML2"],
            resources: [.copy("Resources/socieux-report-1.xsd")]
        ),
        .target(name: "KDTransforms", dependencies: ["KDCore"]),
        .target(name: "KDReports", dependencies: ["KDCore", "CKDBytes"]),
        .target(name: "KDStore", dependencies: ["KDCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "KDPipeline",
            dependencies: [
                "KDCore", "KDIngest", "KDTransforms", "KDReports", "KDStore", "CKDBytes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(name: "kdpipe", dependencies: ["KDPipeline", "CKDBytes"]),
        .executableTarget(
            name: "kdpipe-bench",
            dependencies: ["KDIngest", "CLibXML2", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "KDTestSupport", dependencies: ["KDCore"], path: "Tests/KDTestSupport"),
        .testTarget(name: "KDCoreTests", dependencies: ["KDCore", "KDTestSupport"]),
        .testTarget(
            name: "KDIngestTests",
            dependencies: ["KDIngest", "KDTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "KDTransformsTests", dependencies: ["KDTransforms", "KDTestSupport"]),
        .testTarget(name: "KDReportsTests", dependencies: ["KDReports", "KDTestSupport"]),
        .testTarget(name: "KDStoreTests", dependencies: ["KDStore", "KDTestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "KDPipelineTests",
            dependencies: ["KDPipeline", "KDIngest", "KDReports", "KDStore", "KDTestSupport"],
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
