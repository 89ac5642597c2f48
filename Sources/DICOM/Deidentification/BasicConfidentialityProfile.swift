/// The Basic Application Level Confidentiality Profile of PS3.15 Annex E: the action for each attribute of
/// Table E.1-1, plus the rules of §E.3 the basic profile applies without options: private attributes are removed
/// (no Retain Safe Private Option, §E.3.10), curves (50xx,xxxx) and overlay data and comments (60xx,3000),
/// (60xx,4000) are removed.
public enum BasicConfidentialityProfile {
    /// Table E.1-1's action codes by tag (parsed once from ``tableText``).
    public static let actions: [Tag: DeidentificationAction] = {
        var actions: [Tag: DeidentificationAction] = [:]
        for line in tableText.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count >= 2, let raw = UInt32(fields[0], radix: 16),
                let action = DeidentificationAction(rawValue: String(fields[1]))
            else { continue }
            actions[Tag(rawValue: raw)] = action
        }
        return actions
    }()

    /// The attribute names of Table E.1-1 by tag, for reports of what was done.
    public static let names: [Tag: String] = {
        var names: [Tag: String] = [:]
        for line in tableText.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard fields.count == 3, let raw = UInt32(fields[0], radix: 16) else { continue }
            names[Tag(rawValue: raw)] = String(fields[2])
        }
        return names
    }()

    /// The action the profile takes on `tag` (Table E.1-1 and §E.3's group rules), or nil when the attribute is
    /// not named and is kept (its sequence items still cleaned).
    public static func action(for tag: Tag) -> DeidentificationAction? {
        if let action = actions[tag] { return action }
        if tag.isPrivate { return .remove }
        // Curve Data (50xx,xxxx), Overlay Data (60xx,3000) and Overlay Comments (60xx,4000): Table E.1-1.
        if tag.group & 0xFF00 == 0x5000 { return .remove }
        if tag.group & 0xFF00 == 0x6000 && (tag.element == 0x3000 || tag.element == 0x4000) { return .remove }
        return nil
    }

    /// The code of the profile for De-identification Method Code Sequence (0012,0064), PS3.16 CID 7050.
    public static let methodCode = (
        value: "113100", scheme: "DCM", meaning: "Basic Application Confidentiality Profile"
    )
}
