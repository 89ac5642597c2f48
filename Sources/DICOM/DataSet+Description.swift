extension DataSet: CustomStringConvertible {
    /// The dcmdump-like listing of `DICOMDumper`, for logs and debugging.
    public var description: String { DICOMDumper().dump(self) }
}

extension DataElement: CustomStringConvertible {
    /// One dcmdump-like line.
    public var description: String { DICOMDumper().dump(DataSet([self])) }
}
