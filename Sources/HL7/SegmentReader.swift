/// Reads typed values out of a segment for the typed segment structs; in strict mode a malformed date or
/// number throws `.dataType` with its location, otherwise it reads as absent.
struct SegmentReader {
    let segment: Segment
    let strict: Bool
    let id: String

    init(_ segment: Segment, expecting id: String, strict: Bool) throws(HL7Error) {
        guard segment.id == id else {
            throw HL7Error(
                .segmentSequence, "expected a \(id) segment, found \(segment.id)",
                location: ErrorLocation(segmentID: segment.id))
        }
        self.segment = segment
        self.strict = strict
        self.id = id
    }

    func field(_ n: Int) -> Field { segment.field(n) }
    func text(_ n: Int) -> String? { segment.field(n).text }
    func component(_ n: Int, _ c: Int) -> String? { segment.field(n).component(c).text }
    func texts(_ n: Int) -> [String] { segment.field(n).repetitions.compactMap(\.text) }
    func each<T>(_ n: Int, _ make: (Field) -> T) -> [T] {
        segment.field(n).repetitions.filter { !$0.isEmpty && !$0.isNull }.map(make)
    }
    func one<T>(_ n: Int, _ make: (Field) -> T) -> T? {
        let f = segment.field(n).repetition(1)
        return f.isEmpty || f.isNull ? nil : make(f)
    }

    func dtm(_ n: Int) throws(HL7Error) -> DTM? {
        do {
            return try DTM(segment.field(n))
        } catch {
            if strict {
                throw HL7Error(.dataType, error.message, location: ErrorLocation(segmentID: id, field: n, component: 1))
            }
            return nil
        }
    }

    func int(_ n: Int) throws(HL7Error) -> Int? {
        guard let t = text(n) else { return nil }
        if let v = Int(t.trimmingSpaces()) { return v }
        if strict {
            throw HL7Error(.dataType, "'\(t)' is not a number", location: ErrorLocation(segmentID: id, field: n))
        }
        return nil
    }
}
