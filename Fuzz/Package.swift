// swift-tools-version: 6.2
// libFuzzer target for the DICOM module, kept out of the main package's build.
// Sources/DICOM and the codec system-library targets are symlinks into ../Sources.
// Build: swift build -c release -Xswiftc -sanitize=fuzzer,address --product DICOMFuzzer (see scripts/fuzz).
import PackageDescription

let package = Package(
    name: "LightboxFuzz",
    products: [.executable(name: "DICOMFuzzer", targets: ["DICOMFuzzer"])],
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
        .executableTarget(
            name: "DICOMFuzzer",
            dependencies: ["DICOM", "CFuzzerDriver", .product(name: "NIOCore", package: "swift-nio")]
        ),
        // SwiftPM links an executable's entry point as `main`, which stands in for libFuzzer's own main();
        // the entry point hands over to libFuzzer through LLVMFuzzerRunDriver.
        .target(name: "CFuzzerDriver"),
    ]
)
