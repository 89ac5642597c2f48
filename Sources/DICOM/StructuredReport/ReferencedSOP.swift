/// A composite object referenced by a COMPOSITE, IMAGE or WAVEFORM content item:
/// Referenced SOP Sequence (0008,1199) item. PS3.3 §C.18.3, §C.18.4, §C.18.5.
public struct ReferencedSOP: Sendable, Hashable, Codable {
    /// Referenced SOP Class UID (0008,1150).
    public var sopClassUID: String
    /// Referenced SOP Instance UID (0008,1155).
    public var sopInstanceUID: String
    /// Referenced Frame Number (0008,1160), for IMAGE.
    public var frameNumbers: [Int]
    /// Referenced Segment Number (0062,000B), for IMAGE.
    public var segmentNumbers: [Int]
    /// Referenced Waveform Channels (0040,A0B0), for WAVEFORM.
    public var waveformChannels: [Int]

    /// Creates a reference.
    public init(
        sopClassUID: String, sopInstanceUID: String, frameNumbers: [Int] = [], segmentNumbers: [Int] = [],
        waveformChannels: [Int] = []
    ) {
        self.sopClassUID = sopClassUID
        self.sopInstanceUID = sopInstanceUID
        self.frameNumbers = frameNumbers
        self.segmentNumbers = segmentNumbers
        self.waveformChannels = waveformChannels
    }
}
