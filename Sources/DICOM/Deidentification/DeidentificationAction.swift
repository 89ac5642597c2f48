/// An action code of the Basic Application Level Confidentiality Profile (PS3.15 §E.1.1, Table E.1-1).
public enum DeidentificationAction: String, Sendable, CaseIterable {
    /// Replace with a non-zero length dummy value consistent with the VR.
    case dummy = "D"
    /// Replace with a zero length value (or a dummy consistent with the VR).
    case zero = "Z"
    /// Remove.
    case remove = "X"
    /// Keep (unchanged for non-sequence attributes, cleaned for sequences).
    case keep = "K"
    /// Clean: replace values of similar meaning known not to contain identifying information.
    case clean = "C"
    /// Replace with a non-zero length UID that is internally consistent within a set of instances.
    case replaceUID = "U"
    /// Z unless D is required to keep the IOD conformant (Type 2 against Type 1).
    case zeroOrDummy = "Z/D"
    /// X unless Z is required to keep the IOD conformant (Type 3 against Type 2).
    case removeOrZero = "X/Z"
    /// X unless D is required to keep the IOD conformant (Type 3 against Type 1).
    case removeOrDummy = "X/D"
    /// X unless Z or D is required to keep the IOD conformant.
    case removeOrZeroOrDummy = "X/Z/D"
    /// X unless Z, or replacing the contained instance UIDs, is required to keep the IOD conformant.
    case removeOrZeroOrReplaceUIDs = "X/Z/U*"

    /// The one action taken when the IOD's attribute type is not known: the choice that keeps a referrer's viewer
    /// able to open the file (a Type 1 or 2 attribute stays present) while leaving no identifying value, since an
    /// exported instance may be of any IOD. PS3.15 §E.1.1 allows any choice of a composite code that keeps the
    /// IOD conformant; keeping an emptied or dummy attribute is conformant for every type.
    public var resolved: DeidentificationAction {
        switch self {
        case .zeroOrDummy, .removeOrZero, .removeOrZeroOrDummy: .zero
        case .removeOrDummy: .dummy
        case .removeOrZeroOrReplaceUIDs: .replaceUID
        case .clean: .dummy
        default: self
        }
    }
}
