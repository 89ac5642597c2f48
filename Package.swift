// swift-tools-version: 6.2
import PackageDescription

// Targets follow ../shared/DESIGN.md ("Modules"). DICOM, DICOMNetwork and HL7 know nothing of
// imaging departments and import nothing of Lightbox.
let package = Package(
    name: "Lightbox",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "lightbox", targets: ["lightbox"]),
        .library(name: "DICOM", targets: ["DICOM"]),
        .library(name: "DICOMNetwork", targets: ["DICOMNetwork"]),
        .library(name: "HL7", targets: ["HL7"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.4.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.16.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.52.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        // Imported directly by LightboxStore and LightboxWeb (already in the graph through Fluent and
        // Hummingbird), so declared rather than reached transitively.
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.32.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.9.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.3.0"),
    ],
    targets: [
        // MARK: Reusable standards libraries
        .target(
            name: "DICOM",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                "CTurboJPEG", "CCharLS", "COpenJPEG",
            ]
        ),
        // Debian's codec libraries (see scripts/test), reached only through DICOM's Pixel/ wrappers.
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        .systemLibrary(name: "CCharLS", pkgConfig: "charls", providers: [.apt(["libcharls-dev"])]),
        .systemLibrary(name: "COpenJPEG", pkgConfig: "libopenjp2", providers: [.apt(["libopenjp2-7-dev"])]),
        .target(
            name: "DICOMNetwork",
            dependencies: [
                "DICOM",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "HL7",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Lightbox
        .target(name: "LightboxDomain"),
        // The HL7 v2 door: ADT/ORM/OMI in over MLLP, ORU^R01 out through the outbox (adapters only, no rules).
        .target(
            name: "LightboxHL7",
            dependencies: [
                "LightboxDomain", "HL7",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The DICOM door: storage, Q/R, worklist, MPPS and storage commitment handlers and the listener (adapters only).
        .target(
            name: "LightboxDICOM",
            dependencies: [
                "LightboxDomain", "DICOM", "DICOMNetwork",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "LightboxStore",
            dependencies: [
                "LightboxDomain",
                "DICOM",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .target(
            name: "LightboxWeb",
            dependencies: [
                "LightboxDomain",
                "DICOM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // The pages' templates, stylesheet and scripts (DESIGN.md "Pages").
            resources: [.copy("Resources")]
        ),
        .target(
            name: "LightboxServer",
            dependencies: [
                "LightboxDomain", "LightboxStore", "LightboxWeb", "DICOM", "DICOMNetwork", "LightboxHL7",
                "LightboxDICOM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        .executableTarget(
            name: "lightbox",
            dependencies: [
                "LightboxServer", "LightboxDomain", "DICOM", "DICOMNetwork",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            // The protocol tool groups in Sources/lightbox/DICOM are listed by the root command only
            // when this flag is set (the web development mini-package builds without them).
            swiftSettings: [.define("LIGHTBOX_DICOM_TOOLS")]
        ),
        .target(
            name: "LightboxTestSupport",
            dependencies: [
                "LightboxDomain", "LightboxStore", "LightboxWeb", "HL7",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // MARK: Tests
        .testTarget(
            name: "DICOMTests",
            dependencies: ["DICOM", .product(name: "NIOCore", package: "swift-nio")],
            // Oracle holds Python scripts; fuzz inputs are binary files the tests locate through #filePath.
            exclude: ["Oracle", "FuzzRegressions/Inputs", "FuzzRegressions/README.md"]
        ),
        .testTarget(
            name: "DICOMNetworkTests",
            dependencies: [
                "DICOMNetwork", "DICOM", .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "HL7Tests",
            dependencies: [
                "HL7",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Oracle"]
        ),
        .testTarget(name: "LightboxDomainTests", dependencies: ["LightboxDomain"]),
        .testTarget(
            name: "LightboxHL7Tests",
            dependencies: [
                "LightboxHL7", "LightboxStore", "LightboxDomain", "HL7", "LightboxTestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "LightboxStoreTests",
            dependencies: [
                "LightboxStore", "LightboxDomain",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "LightboxDICOMTests",
            dependencies: [
                "LightboxDICOM", "LightboxServer", "LightboxStore", "LightboxDomain", "LightboxTestSupport", "DICOM",
                "DICOMNetwork",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // Scripts holds the pydicom extraction the dose capture tests run.
            exclude: ["Scripts"]
        ),
        .testTarget(
            name: "LightboxWebTests",
            dependencies: [
                "LightboxWeb", "LightboxServer", "LightboxTestSupport", "HL7", "LightboxHL7", "LightboxDomain",
                "LightboxStore", "DICOM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            // Browser holds the selenium script the browser tests run.
            exclude: ["Browser"]
        ),
    ]
)
