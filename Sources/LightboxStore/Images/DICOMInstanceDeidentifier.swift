import DICOM
import Foundation
import LightboxDomain

/// The `InstanceDeidentifier` port with the DICOM toolkit's ``Deidentifier``: each archived file read whole,
/// de-identified by the PS3.15 Annex E basic profile with one UID map across the export, and written as Part 10.
public struct DICOMInstanceDeidentifier: InstanceDeidentifier {
    public init() {}

    public func deidentify(_ files: [ArchivedInstanceFile], at paths: [String]) throws -> [DeidentifiedInstance] {
        var deidentifier = Deidentifier()
        var copies: [DeidentifiedInstance] = []
        copies.reserveCapacity(files.count)
        for (file, path) in zip(files, paths) {
            do {
                let copy = try deidentifier.deidentify(try DICOMReader().read(contentsOf: path))
                let bytes = try DICOMWriter().write(copy)
                copies.append(
                    DeidentifiedInstance(
                        studyInstanceUID: copy.dataSet.string(.studyInstanceUID) ?? "",
                        seriesInstanceUID: copy.dataSet.string(.seriesInstanceUID) ?? "",
                        sopInstanceUID: copy.dataSet.string(.sopInstanceUID) ?? "",
                        bytes: Data(bytes.readableBytesView)))
            } catch let error as DICOMError {
                throw DomainError(
                    .validationFailed,
                    "Image \(file.sopInstanceUID) cannot be de-identified: \(error.message).",
                    fields: [FieldProblem("instance", error.message)])
            }
        }
        return copies
    }
}
