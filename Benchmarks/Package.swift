// swift-tools-version: 6.2
// Benchmarks, kept out of the main package's build (../shared/DESIGN.md). The DICOM module and its codec
// system-library targets are symlinks into ../Sources, so this package resolves only what DICOM needs
// (a path dependency on `..` would resolve every server dependency of the main package).
// Build: swift build -c release --product dicom-parse-bench (see run-parse-benchmark).
import PackageDescription

let package = Package(
    name: "LightboxBenchmarks",
    products: [.executable(name: "dicom-parse-bench", targets: ["dicom-parse-bench"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.4.0"),
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
        .executableTarget(name: "dicom-parse-bench", dependencies: ["DICOM"]),
    ]
)
