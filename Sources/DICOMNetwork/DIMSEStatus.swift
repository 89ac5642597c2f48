/// A DIMSE status code (0000,0900), PS3.7 Annex C, with its category.
public struct DIMSEStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// Status classes, PS3.7 Annex C.
    public enum Category: String, Sendable {
        case success, warning, failure, cancel, pending
    }

    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The category PS3.7 Annex C assigns to the code.
    public var category: Category {
        switch rawValue {
        case 0x0000: .success
        case 0xFE00: .cancel
        case 0xFF00, 0xFF01: .pending
        case 0x0001, 0x0107, 0x0116, 0xB000...0xBFFF: .warning
        default: .failure
        }
    }

    public var isPending: Bool { category == .pending }

    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + " (\(category.rawValue))"
    }

    // MARK: General statuses, PS3.7 C.1-C.5
    public static let success = DIMSEStatus(rawValue: 0x0000)
    public static let cancel = DIMSEStatus(rawValue: 0xFE00)
    public static let pending = DIMSEStatus(rawValue: 0xFF00)
    /// Pending: matches are continuing, warning that one or more optional keys were not supported.
    public static let pendingWarning = DIMSEStatus(rawValue: 0xFF01)
    /// Warning: attribute list error (N-services).
    public static let attributeListError = DIMSEStatus(rawValue: 0x0107)
    /// Warning: attribute value out of range.
    public static let attributeValueOutOfRange = DIMSEStatus(rawValue: 0x0116)
    public static let noSuchAttribute = DIMSEStatus(rawValue: 0x0105)
    public static let invalidAttributeValue = DIMSEStatus(rawValue: 0x0106)
    public static let processingFailure = DIMSEStatus(rawValue: 0x0110)
    public static let duplicateSOPInstance = DIMSEStatus(rawValue: 0x0111)
    public static let noSuchSOPInstance = DIMSEStatus(rawValue: 0x0112)
    public static let noSuchEventType = DIMSEStatus(rawValue: 0x0113)
    public static let noSuchArgument = DIMSEStatus(rawValue: 0x0114)
    public static let invalidArgumentValue = DIMSEStatus(rawValue: 0x0115)
    public static let invalidObjectInstance = DIMSEStatus(rawValue: 0x0117)
    public static let noSuchSOPClass = DIMSEStatus(rawValue: 0x0118)
    public static let classInstanceConflict = DIMSEStatus(rawValue: 0x0119)
    public static let missingAttribute = DIMSEStatus(rawValue: 0x0120)
    public static let missingAttributeValue = DIMSEStatus(rawValue: 0x0121)
    public static let sopClassNotSupported = DIMSEStatus(rawValue: 0x0122)
    public static let noSuchActionType = DIMSEStatus(rawValue: 0x0123)
    public static let notAuthorized = DIMSEStatus(rawValue: 0x0124)
    public static let duplicateInvocation = DIMSEStatus(rawValue: 0x0210)
    public static let unrecognizedOperation = DIMSEStatus(rawValue: 0x0211)
    public static let mistypedArgument = DIMSEStatus(rawValue: 0x0212)
    public static let resourceLimitation = DIMSEStatus(rawValue: 0x0213)

    // MARK: Service-specific statuses, PS3.4 (Storage B.2.3, Q/R C.4)
    /// Storage/Q-R: refused, out of resources.
    public static let outOfResources = DIMSEStatus(rawValue: 0xA700)
    /// C-MOVE: refused, out of resources, unable to calculate number of matches.
    public static let outOfResourcesMatches = DIMSEStatus(rawValue: 0xA701)
    /// C-MOVE/C-GET: refused, out of resources, unable to perform sub-operations.
    public static let outOfResourcesSubOperations = DIMSEStatus(rawValue: 0xA702)
    /// C-MOVE: refused, move destination unknown.
    public static let moveDestinationUnknown = DIMSEStatus(rawValue: 0xA801)
    /// Identifier / data set does not match SOP class.
    public static let dataSetDoesNotMatchSOPClass = DIMSEStatus(rawValue: 0xA900)
    /// Unable to process / cannot understand.
    public static let cannotUnderstand = DIMSEStatus(rawValue: 0xC000)
    /// Storage warning: coercion of data elements.
    public static let coercionOfDataElements = DIMSEStatus(rawValue: 0xB000)
    /// Storage warning: elements discarded.
    public static let elementsDiscarded = DIMSEStatus(rawValue: 0xB006)
    /// Storage warning: data set does not match SOP class.
    public static let dataSetDoesNotMatchSOPClassWarning = DIMSEStatus(rawValue: 0xB007)
    /// Q/R: sub-operations complete, one or more failures or warnings.
    public static let subOperationsCompleteWithFailures = DIMSEStatus(rawValue: 0xB000)
}
