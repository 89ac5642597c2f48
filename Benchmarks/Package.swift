// swift-tools-version: 6.2
// Benchmarks, kept out of the main package's build (../shared/DESIGN.md). The DICOM module and its codec
// system-library targets are symlinks into ../Sources, so this package resolves only what DICOM needs
// (a path dependency on `..` would resolve every server dependency of the main package).
// Build: swift build -c release --product dicom-parse-bench (see run-parse-benchmark), and
// swift build -c release --product dicom-receive-bench (issue 6; DICOMNetwork is a symlink too).
import PackageDescription

let package = Package(
    name: "LightboxBenchmarks",
    products: [
        .executable(name: "dicom-parse-bench", targets: ["dicom-parse-bench"]),
        .executable(name: "dicom-receive-bench", targets: ["dicom-receive-bench"]),
        .executable(name: "viewer-series", targets: ["viewer-series"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "DICOM",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "CompressNIO", package: "compress-nio"),
                "CTurboJPEG", "CCharLS", "COpenJPEG",
            ]
        ),
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
        .executableTarget(name: "dicom-parse-bench", dependencies: ["DICOM"]),
        .executableTarget(name: "dicom-receive-bench", dependencies: ["DICOMNetwork"]),
        .executableTarget(name: "viewer-series", dependencies: ["DICOM"]),
    ]
)
