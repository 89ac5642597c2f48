extension DataSet {
    /// The tag of a private element given its creator, group and element offset (00-FF). PS3.5 §7.8.1:
    /// the creator (gggg,00xx) reserves block xx, whose elements are (gggg,xx00)-(gggg,xxFF).
    /// `dataSet.privateTag(creator: "SIEMENS CSA HEADER", group: 0x0029, offset: 0x10)` → (0029,1010).
    public func privateTag(creator: String, group: UInt16, offset: UInt8) -> Tag? {
        guard group & 1 == 1 else { return nil }
        for block in UInt16(0x10)...UInt16(0xFF) {
            guard let element = self[Tag(group, block)] else { continue }
            let value = element.stringValues(characterSet: characterSet).first ?? ""
            if value == creator { return Tag(group, block << 8 | UInt16(offset)) }
        }
        return nil
    }

    /// The private element given its creator, group and element offset. PS3.5 §7.8.1.
    public func privateElement(creator: String, group: UInt16, offset: UInt8) -> DataElement? {
        privateTag(creator: creator, group: group, offset: offset).flatMap { self[$0] }
    }

    /// The creator of a private element's block, e.g. "GEMS_ACQU_01" for (0019,10xx). PS3.5 §7.8.1.
    public func privateCreator(of tag: Tag) -> String? {
        guard tag.isPrivate, !tag.isPrivateCreator, tag.element >= 0x1000 else { return nil }
        return string(Tag(tag.group, tag.element >> 8))
    }
}
