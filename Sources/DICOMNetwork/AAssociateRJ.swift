/// A-ASSOCIATE-RJ PDU, PS3.8 §9.3.4 (Table 9-21).
public struct AAssociateRJ: Sendable, Equatable {
    /// Result field.
    public enum Result: UInt8, Sendable {
        case rejectedPermanent = 1
        case rejectedTransient = 2
    }

    /// Source field.
    public enum Source: UInt8, Sendable {
        case serviceUser = 1
        /// DICOM UL service-provider (ACSE related function).
        case serviceProviderACSE = 2
        /// DICOM UL service-provider (Presentation related function).
        case serviceProviderPresentation = 3
    }

    /// Reason/diagnostic field; its meaning depends on `source` (Table 9-21).
    public struct Reason: RawRepresentable, Sendable, Equatable, Hashable {
        public var rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// Source 1 or 2: no reason given.
        public static let noReasonGiven = Reason(rawValue: 1)
        /// Source 1: application context name not supported.
        public static let applicationContextNameNotSupported = Reason(rawValue: 2)
        /// Source 1: calling AE title not recognized.
        public static let callingAETitleNotRecognized = Reason(rawValue: 3)
        /// Source 1: called AE title not recognized.
        public static let calledAETitleNotRecognized = Reason(rawValue: 7)
        /// Source 2: protocol version not supported.
        public static let protocolVersionNotSupported = Reason(rawValue: 2)
        /// Source 3: temporary congestion.
        public static let temporaryCongestion = Reason(rawValue: 1)
        /// Source 3: local limit exceeded.
        public static let localLimitExceeded = Reason(rawValue: 2)
    }

    public var result: Result
    public var source: Source
    public var reason: Reason

    public init(result: Result, source: Source, reason: Reason) {
        self.result = result
        self.source = source
        self.reason = reason
    }
}
