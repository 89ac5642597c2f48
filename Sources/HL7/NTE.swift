/// NTE: notes and comments (HL7 v2.5.1 §2.15.10).
public struct NTE: Sendable, Hashable {
    public let segment: Segment
    /// NTE-1 set id.
    public var setID: Int?
    /// NTE-2 source of comment (table 0105).
    public var sourceOfComment: String?
    /// NTE-3 comment lines (FT; one per repetition, escapes resolved).
    public var comments: [String]
    /// NTE-4 comment type (table 0364).
    public var commentType: CE?

    public init(_ segment: Segment, strict: Bool = false) throws(HL7Error) {
        let r = try SegmentReader(segment, expecting: "NTE", strict: strict)
        self.segment = segment
        setID = try r.int(1)
        sourceOfComment = r.text(2)
        comments = segment.field(3).repetitions.map(\.value)
        commentType = r.one(4, CE.init)
    }
}
