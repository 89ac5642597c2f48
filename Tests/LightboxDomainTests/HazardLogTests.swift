import Foundation
import Testing

/// `docs/hazard-log.md` (DCB0129 hazard log) stays true to the code: every test it names as
/// evidence exists, its hazards are numbered H1, H2 … without gaps, each hazard names its tests
/// (or says its control is still open), and every gating rule of DOMAIN.md has a hazard.
@Suite("Hazard log")
struct HazardLogTests {
    /// One row of the log's hazard table.
    struct Hazard {
        var id: String
        var rules: String
        var controls: String
        var tests: [String]
    }

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The columns of the hazard table, in order; the header row must name them so.
    static let columns = [
        "ID", "Hazard", "Causes", "Controls (rule and where it lives)", "DOMAIN.md rule", "Tests (door: Suite.test)",
        "Residual risk",
    ]

    static func hazards() throws -> [Hazard] {
        let text = try String(
            contentsOf: repository.appendingPathComponent("docs/hazard-log.md"), encoding: .utf8)
        var hazards: [Hazard] = []
        var sawHeader = false
        for line in text.split(separator: "\n").map(String.init) where line.hasPrefix("|") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.first == "ID" {
                #expect(cells == columns, "the hazard table's columns are \(columns)")
                sawHeader = true
                continue
            }
            guard cells.count == columns.count, cells[0].hasPrefix("H") else { continue }
            hazards.append(
                Hazard(id: cells[0], rules: cells[4], controls: cells[3], tests: testNames(in: cells[5])))
        }
        #expect(sawHeader, "docs/hazard-log.md has no hazard table header")
        return hazards
    }

    /// `SuiteName.testName` in backquotes.
    static func testNames(in cell: String) -> [String] {
        let parts = cell.split(separator: "`", omittingEmptySubsequences: false)
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0]) }
    }

    /// Every Swift Testing test in `Tests/` as `TypeName.functionName`: a `func` after `@Test`,
    /// inside the type declared at the start of the line.
    static func existingTests() throws -> Set<String> {
        let tests = repository.appendingPathComponent("Tests")
        guard let files = FileManager.default.enumerator(at: tests, includingPropertiesForKeys: nil) else {
            throw CocoaError(.fileReadNoSuchFile)
        }
        var found: Set<String> = []
        for case let file as URL in files where file.pathExtension == "swift" {
            var type: String?
            var pending = false
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init) {
                if let first = line.first, first != " ", first != "}", first != "/" {
                    for keyword in ["struct ", "class ", "enum ", "extension ", "actor "] {
                        if let range = line.range(of: keyword) {
                            type =
                                line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                                .description
                            break
                        }
                    }
                }
                if line.contains("@Test") { pending = true }
                if pending, let range = line.range(of: "func ") {
                    let name = line[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
                    if let type { found.insert("\(type).\(name)") }
                    pending = false
                }
            }
        }
        return found
    }

    /// The bold titles of DOMAIN.md's "Rules that gate the steps".
    static func gatingRules() throws -> [String] {
        var candidates: [URL] = []
        if let shared = ProcessInfo.processInfo.environment["LIGHTBOX_SHARED"] {
            candidates.append(URL(fileURLWithPath: shared).appendingPathComponent("DOMAIN.md"))
        }
        var directory = repository
        while directory.path != "/" {
            candidates.append(directory.appendingPathComponent("shared/DOMAIN.md"))
            directory.deleteLastPathComponent()
        }
        guard let domain = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "shared/DOMAIN.md (LIGHTBOX_SHARED)"])
        }
        let text = try String(contentsOf: domain, encoding: .utf8)
        guard let start = text.range(of: "Rules that gate the steps") else { return [] }
        let section = text[start.upperBound...]
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        var rules: [String] = []
        for line in section[..<end].split(separator: "\n") where line.hasPrefix("- **") {
            let title = line.dropFirst(4).prefix { $0 != "*" }
            rules.append(String(title))
        }
        return rules
    }

    @Test("Every test the hazard log names exists")
    func namedTestsExist() throws {
        let hazards = try Self.hazards()
        let existing = try Self.existingTests()
        #expect(existing.count > 100, "the test sources were not read: \(existing.count) tests found")
        for hazard in hazards {
            for test in hazard.tests {
                #expect(existing.contains(test), "\(hazard.id) names \(test), which is not a test in Tests/")
            }
        }
    }

    @Test("Hazards are numbered H1, H2 … and each names its tests or says its control is open")
    func hazardsAreNumberedAndEvidenced() throws {
        let hazards = try Self.hazards()
        #expect(hazards.count >= 10)
        #expect(hazards.map(\.id) == (1...max(hazards.count, 1)).map { "H\($0)" })
        for hazard in hazards where !hazard.controls.hasPrefix("**Open**") {
            #expect(hazard.tests.count >= 1, "\(hazard.id) names no test for its controls")
        }
    }

    @Test("Every gating rule of DOMAIN.md has a hazard")
    func everyGatingRuleIsCovered() throws {
        let rules = try Self.gatingRules()
        #expect(rules.count >= 10, "DOMAIN.md's gating rules were not read: \(rules)")
        let covered = try Self.hazards().map(\.rules).joined(separator: "; ")
        for rule in rules {
            #expect(covered.contains(rule), "no hazard names DOMAIN.md's rule \"\(rule)\"")
        }
    }

    @Test("The checker finds a test that does not exist")
    func checkerRefusesAMadeUpTest() throws {
        let existing = try Self.existingTests()
        #expect(existing.contains("HazardLogTests.namedTestsExist"))
        #expect(!existing.contains("HazardLogTests.noSuchTest"))
        #expect(Self.testNames(in: "API: `A.b`, HL7: `C.d`") == ["A.b", "C.d"])
    }
}
