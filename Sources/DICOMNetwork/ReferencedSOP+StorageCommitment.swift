import DICOM

extension ReferencedSOP {
    /// The item of a Referenced or Failed SOP Sequence in storage commitment (PS3.4 J.3.2 and
    /// J.3.3): SOP class (0008,1150) and instance (0008,1155) only.
    func item() throws -> DataSet {
        var item = DataSet()
        try item.set(.referencedSOPClassUID, string: sopClassUID)
        try item.set(.referencedSOPInstanceUID, string: sopInstanceUID)
        return item
    }
}
