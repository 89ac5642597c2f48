/// A segment struct readable from a raw `Segment` (MSH, PID, OBX...).
public protocol TypedSegment: Sendable {
    /// The three-character segment id.
    static var segmentID: String { get }
    /// Reads the typed segment; `strict` turns malformed dates and numbers into `.dataType` errors.
    init(_ segment: Segment, strict: Bool) throws(HL7Error)
}

extension MSH: TypedSegment { public static var segmentID: String { "MSH" } }
extension EVN: TypedSegment { public static var segmentID: String { "EVN" } }
extension PID: TypedSegment { public static var segmentID: String { "PID" } }
extension PD1: TypedSegment { public static var segmentID: String { "PD1" } }
extension PV1: TypedSegment { public static var segmentID: String { "PV1" } }
extension MRG: TypedSegment { public static var segmentID: String { "MRG" } }
extension ORC: TypedSegment { public static var segmentID: String { "ORC" } }
extension OBR: TypedSegment { public static var segmentID: String { "OBR" } }
extension OBX: TypedSegment { public static var segmentID: String { "OBX" } }
extension NTE: TypedSegment { public static var segmentID: String { "NTE" } }
extension IPC: TypedSegment { public static var segmentID: String { "IPC" } }
extension ERR: TypedSegment { public static var segmentID: String { "ERR" } }
extension MSA: TypedSegment { public static var segmentID: String { "MSA" } }

extension Message {
    /// The MSH, typed. Reading it leniently cannot fail (the first segment is an MSH by construction);
    /// malformed dates or numbers in it read as absent.
    public var msh: MSH {
        do {
            return try MSH(header, strict: false)
        } catch {
            return MSH(unreadable: header)
        }
    }

    /// The first segment of a type, typed; nil when absent.
    public func first<T: TypedSegment>(_ type: T.Type, strict: Bool = false) throws(HL7Error) -> T? {
        guard let s = segment(T.segmentID) else { return nil }
        return try T(s, strict: strict)
    }

    /// Every segment of a type, typed, in order.
    public func all<T: TypedSegment>(_ type: T.Type, strict: Bool = false) throws(HL7Error) -> [T] {
        var out: [T] = []
        var n = 0
        for s in segments where s.id == T.segmentID {
            n += 1
            do {
                out.append(try T(s, strict: strict))
            } catch {
                var loc = error.location ?? ErrorLocation(segmentID: T.segmentID)
                loc.segmentSequence = n
                throw HL7Error(error.code, error.message, location: loc)
            }
        }
        return out
    }
}

extension MSH {
    /// An MSH with only the raw segment, for the unreachable case where lenient reading fails.
    init(unreadable segment: Segment) {
        self.segment = segment
        characterSets = []
        messageProfileIdentifiers = []
    }
}
