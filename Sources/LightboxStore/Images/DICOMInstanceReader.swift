import DICOM
import Foundation
import LightboxDomain

/// The `InstanceReader` port with the DICOM toolkit: reads a staged Part 10 file up to its pixel
/// data (PS3.10 §7) and takes the attributes the index keeps. Any read failure is
/// `archive.unreadable-data-set` naming what the reader found wrong.
public struct DICOMInstanceReader: InstanceReader {
    public init() {}

    public func attributes(of staged: StagedImage, readingDose: Bool) throws -> InstanceAttributes {
        let file: DICOMFile
        do {
            file = try DICOMReader(options: .init(stopBefore: .pixelData)).read(contentsOf: staged.path)
        } catch {
            throw DomainError(.unreadableDataSet, "The data set cannot be read: \(error).")
        }
        let data = file.dataSet
        func text(_ tag: Tag) -> String? {
            guard let value = data.string(tag)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else {
                return nil
            }
            return value
        }
        let transferSyntax =
            file.fileMetaInformation.string(.transferSyntaxUID)?.trimmingCharacters(in: .whitespaces)
            ?? file.transferSyntax.uid
        return InstanceAttributes(
            patientID: text(.patientID) ?? "", issuerOfPatientID: text(.issuerOfPatientID),
            patientName: text(.patientName) ?? "", patientBirthDate: text(.patientBirthDate),
            patientSex: text(.patientSex), studyInstanceUID: text(.studyInstanceUID) ?? "",
            studyDate: text(.studyDate), studyTime: text(.studyTime), accessionNumber: text(.accessionNumber),
            studyID: text(.studyID), studyDescription: text(.studyDescription),
            referringPhysicianName: text(.referringPhysicianName),
            seriesInstanceUID: text(.seriesInstanceUID) ?? "", modality: text(.modality),
            seriesNumber: data.int(.seriesNumber), seriesDescription: text(.seriesDescription),
            seriesDate: text(.seriesDate), seriesTime: text(.seriesTime), bodyPartExamined: text(.bodyPartExamined),
            sopClassUID: text(.sopClassUID) ?? "", sopInstanceUID: text(.sopInstanceUID) ?? "",
            instanceNumber: data.int(.instanceNumber), contentDate: text(.contentDate),
            contentTime: text(.contentTime), rows: data.int(.rows), columns: data.int(.columns),
            numberOfFrames: data.int(.numberOfFrames), transferSyntaxUID: transferSyntax,
            specificCharacterSet: data.strings(.specificCharacterSet).joined(separator: "\\").nilIfEmpty,
            sequences: Self.sequences(of: data),
            dose: readingDose ? Self.dose(of: data, seriesInstanceUID: text(.seriesInstanceUID)) : nil)
    }

    /// The dose report the data set carries (an RDSR's, or an image header's dose attributes), with the MPPS it was
    /// made under; nil when it carries none.
    static func dose(of data: DataSet, seriesInstanceUID: String?) -> DoseReport? {
        DoseReport(summary: DoseSummary(dataSet: data), seriesInstanceUID: seriesInstanceUID).map {
            var report = $0
            report.performedProcedureStepUID = performedProcedureStepUID(of: data)
            return report
        }
    }

    /// The items of the indexed sequences (``ArchiveAttributes/sequenceItems``), each item's
    /// attributes as text; items with none of them are left out. Bounded: a data set may carry any
    /// number of items, the index keeps the first ``maximumItems`` of each sequence.
    static func sequences(of data: DataSet) -> [UInt32: [[UInt32: String]]] {
        var sequences: [UInt32: [[UInt32: String]]] = [:]
        for (sequenceTag, attributes) in ArchiveAttributes.sequenceItems {
            guard let items = data.sequence(Tag(rawValue: sequenceTag)) else { continue }
            var kept: [[UInt32: String]] = []
            for item in items.prefix(maximumItems) {
                var values: [UInt32: String] = [:]
                for attribute in attributes {
                    let value = item.strings(Tag(rawValue: attribute.tag)).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }.joined(separator: "\\")
                    if !value.isEmpty { values[attribute.tag] = String(value.prefix(maximumValueLength)) }
                }
                if !values.isEmpty { kept.append(values) }
            }
            if !kept.isEmpty { sequences[sequenceTag] = kept }
        }
        return sequences
    }

    /// The SOP Instance UID of the first item of the Referenced Performed Procedure Step Sequence
    /// (0008,1111) > Referenced SOP Instance UID (0008,1155), PS3.3 §C.7.3.1: the MPPS the object was made
    /// under.
    static func performedProcedureStepUID(of data: DataSet) -> String? {
        let uid = data.sequence(Tag(rawValue: 0x0008_1111))?.first?.strings(Tag(rawValue: 0x0008_1155)).first?
            .trimmingCharacters(in: .whitespaces)
        return uid?.isEmpty == false ? uid : nil
    }

    /// The most items kept of one sequence.
    static let maximumItems = 32
    /// The longest item value kept (Code Meaning is LO, 64 characters; UC may be longer).
    static let maximumValueLength = 256
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
