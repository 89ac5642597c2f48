import LightboxDomain
import Testing

/// PS3.4 §C.2.2.2: how a query value is read, for every kind of matching, on both sides of each rule.
@Suite("Attribute matching (PS3.4 C.2.2.2)")
struct AttributeMatchTests {
    func parse(_ value: String, _ kind: ArchiveValueKind) throws -> AttributeMatch {
        try AttributeMatch(parsing: value, kind: kind, attribute: "Key")
    }

    func expectRefused(_ value: String, _ kind: ArchiveValueKind, sourceLocation: SourceLocation = #_sourceLocation) {
        do {
            let match = try parse(value, kind)
            Issue.record("\"\(value)\" as \(kind) was accepted as \(match)", sourceLocation: sourceLocation)
        } catch let error as DomainError {
            #expect(error.code == .validationFailed, sourceLocation: sourceLocation)
            #expect(error.fields.map(\.field) == ["Key"], sourceLocation: sourceLocation)
        } catch {
            Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test("a zero-length value, padding only, or only * is universal matching; anything else is not")
    func universal() throws {
        for kind in ArchiveValueKind.allCases where kind != .sequence {
            #expect(try parse("", kind) == .universal)
            #expect(try parse("  ", kind) == .universal)
        }
        for kind in [ArchiveValueKind.text, .personName, .exact, .date, .time, .dateTime] {
            #expect(try parse("*", kind) == .universal)
            #expect(try parse("**", kind) == .universal)
        }
        #expect(try parse("CT", .text) != .universal)
        #expect(try parse("*A", .text) != .universal)
        #expect(AttributeMatch.sequence([]).isUniversal)
        #expect(AttributeMatch.sequence([ArchiveQueryKey(tag: 1, match: .universal)]).isUniversal)
        #expect(!AttributeMatch.sequence([ArchiveQueryKey(tag: 1, match: .single("A"))]).isUniversal)
    }

    @Test("a value without wildcards is single value matching; with * or ? it is wildcard matching")
    func singleAndWildcard() throws {
        #expect(try parse("SMITH^JOHN ", .personName) == .single("SMITH^JOHN"))
        #expect(try parse("SMI*", .personName) == .wildcard("SMI*"))
        #expect(try parse("SM?TH", .text) == .wildcard("SM?TH"))
        #expect(try parse("CT", .text) == .single("CT"))
        // Numbers take no wildcards: the characters are the value.
        #expect(try parse("1?", .exact) == .single("1?"))
    }

    @Test("UIDs: one is single value matching, several a list; invalid UIDs and wildcards are refused")
    func uids() throws {
        #expect(try parse("1.2.3\0", .uid) == .single("1.2.3"))
        #expect(try parse("1.2.3\\1.2.4", .uid) == .anyOf(["1.2.3", "1.2.4"]))
        expectRefused("1.2.*", .uid)
        expectRefused("1.2.3\\", .uid)
        expectRefused("../../x", .uid)
        expectRefused("1.02.3", .uid)
        expectRefused(String(repeating: "1.", count: 33) + "1", .uid)
        #expect(try parse(String(repeating: "1.", count: 31) + "1", .uid) != .universal)
    }

    @Test("dates, times and date-times: single values and ranges open at either end; malformed ones are refused")
    func ranges() throws {
        #expect(try parse("20240102", .date) == .single("20240102"))
        #expect(try parse("20240101-20240131", .date) == .range(lower: "20240101", upper: "20240131"))
        #expect(try parse("-20240131", .date) == .range(lower: nil, upper: "20240131"))
        #expect(try parse("20240101-", .date) == .range(lower: "20240101", upper: nil))
        #expect(try parse("1200-1300", .time) == .range(lower: "1200", upper: "1300"))
        #expect(try parse("101010.123", .time) == .single("101010.123"))
        #expect(try parse("2024-202402", .dateTime) == .range(lower: "2024", upper: "202402"))
        expectRefused("-", .date)
        expectRefused("2024010", .date)
        expectRefused("2024-01-01", .date)
        expectRefused("2024*", .date)
        expectRefused("12:00", .time)
        expectRefused("1210.5", .time)
        expectRefused("20240101-20240102-20240103", .date)
        expectRefused("2024011", .dateTime)
    }

    @Test("several values of a string attribute are multiple value matching, each kept with its wildcards")
    func multipleValues() throws {
        #expect(try parse("CT\\MR", .text) == .anyOf(["CT", "MR"]))
        #expect(try parse("CT\\M?", .text) == .anyOf(["CT", "M?"]))
        #expect(try parse("1\\2", .exact) == .anyOf(["1", "2"]))
    }

    @Test("a sequence takes no value of its own")
    func sequence() {
        expectRefused("X", .sequence)
    }
}
