import Foundation
import Testing

/// `scripts/serve` (README's first command) installs the codec libraries this module links when they are
/// missing. Tested in dry-run mode against a fake dpkg database, so no package is removed from this machine.
@Suite("Set-up script")
struct SetupScriptTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A dpkg database (`status` file) in which exactly `installed` are installed.
    static func fakeDpkg(installed: [String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dpkg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let status = installed.map {
            "Package: \($0)\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n"
        }.joined(separator: "\n")
        try Data(status.utf8).write(to: folder.appendingPathComponent("status"))
        return folder
    }

    static func serveDryRun(installed: [String], arguments: [String]) throws -> (status: Int32, out: String) {
        let dpkg = try fakeDpkg(installed: installed)
        defer { try? FileManager.default.removeItem(at: dpkg) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/serve").path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["LIGHTBOX_DRY_RUN"] = "1"
        environment["LIGHTBOX_DPKG_ADMINDIR"] = dpkg.path
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    static let codecPackages = [
        "pkg-config", "libturbojpeg0-dev", "libjpeg62-turbo-dev", "libcharls-dev", "libopenjp2-7-dev", "zlib1g-dev",
    ]

    @Test("on a machine without the codec headers: one apt-get update, one install of exactly those, then serve")
    func installsWhatIsMissing() throws {
        let result = try Self.serveDryRun(installed: ["pkg-config", "zlib1g-dev"], arguments: ["--demo"])
        #expect(result.status == 0, "\(result.out)")
        let lines = result.out.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0 == "would run: apt-get update" }.count == 1, "\(result.out)")
        let install = try #require(lines.first { $0.contains("apt-get install") }, "\(result.out)")
        let named = Set(install.split(separator: " ").map(String.init))
        for package in ["libturbojpeg0-dev", "libjpeg62-turbo-dev", "libcharls-dev", "libopenjp2-7-dev"] {
            #expect(named.contains(package), "\(package) not installed: \(install)")
        }
        #expect(!named.contains("zlib1g-dev") && !named.contains("pkg-config"), "installs what is there: \(install)")
        #expect(lines.last == "would run: swift run lightbox serve --demo", "\(result.out)")
        // Installing comes before serving.
        let installIndex = try #require(lines.firstIndex(of: install))
        #expect(installIndex < lines.count - 1)
    }

    @Test("on a machine that has them: no apt-get at all, the arguments go to serve unchanged")
    func installsNothingWhenComplete() throws {
        let result = try Self.serveDryRun(
            installed: Self.codecPackages, arguments: ["--demo", "--http-port", "8181"])
        #expect(result.status == 0, "\(result.out)")
        #expect(!result.out.contains("apt-get"), "\(result.out)")
        #expect(result.out == "would run: swift run lightbox serve --demo --http-port 8181\n", "\(result.out)")
    }

    @Test("scripts/test installs the same codec packages through the same shared list")
    func testScriptSharesTheList() throws {
        let test = try String(contentsOf: Self.root.appendingPathComponent("scripts/test"), encoding: .utf8)
        let serve = try String(contentsOf: Self.root.appendingPathComponent("scripts/serve"), encoding: .utf8)
        for script in [test, serve] {
            #expect(script.contains("source scripts/lib/debian.sh"))
            #expect(script.contains("lightbox_build_packages[@]"))
        }
        let library = try String(
            contentsOf: Self.root.appendingPathComponent("scripts/lib/debian.sh"), encoding: .utf8)
        for package in Self.codecPackages { #expect(library.contains(package), "\(package)") }
    }
}
