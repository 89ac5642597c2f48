import DICOM
import DICOMNetwork
import LightboxDomain
import NIOCore

extension ConformanceStatement {
    /// One generated part of the document: the Markdown between its markers.
    public struct Section: Sendable, Equatable {
        /// The marker name, e.g. `network-services`.
        public var name: String
        public var markdown: String
    }

    /// The generated sections, in document order.
    public var sections: [Section] {
        let accepted = acceptedSOPClasses
        return [
            Section(name: "ae-specification", markdown: aeSpecification),
            Section(name: "network-services", markdown: networkServices(accepted)),
            Section(name: "storage-sop-classes", markdown: storageSOPClasses(accepted)),
            Section(name: "acceptable-presentation-contexts", markdown: acceptablePresentationContexts(accepted)),
            Section(name: "proposed-presentation-contexts", markdown: proposedPresentationContexts),
            Section(name: "query-keys", markdown: queryKeys),
        ]
    }

    /// PS3.2 §A.4.1.3 (AE specification, association policies): the settings of the listener.
    var aeSpecification: String {
        let server = listener.serverConfiguration
        var rows: [(String, String)] = [
            ("AE title (the Called AE Title peers must use)", "`\(listener.aeTitle)` (`--ae-title`)"),
            (
                "TCP port",
                "\(listener.port) (`--dicom-port`); DICOM over TLS on the same port when a certificate is given"
            ),
            ("Application context name", "`\(ApplicationContext.dicom)`"),
            (
                "Associations served at once",
                "\(server.maximumAssociations) (`--dicom-max-associations`); one more is refused with A-ASSOCIATE-RJ "
                    + "rejected-transient, source service-provider (presentation), reason local-limit-exceeded"
            ),
            (
                "Associations Lightbox opens",
                "one per C-MOVE (to the move destination) and one per storage commitment result whose requestor has "
                    + "released the request's association"
            ),
            ("Maximum PDU length received", "\(Self.grouped(Int(server.maximumPDULength))) bytes"),
            (
                "Asynchronous operations window",
                "up to \(server.maximumOperationsPerformed) operations performed, 1 invoked; requests of a window are "
                    + "performed in the order they arrive (PS3.7 §D.3.3.3)"
            ),
            (
                "ARTIM timeout",
                "\(Self.seconds(server.timeouts.artim)) (waiting for A-ASSOCIATE-RQ, and for the peer to close)"
            ),
            ("Idle association", "aborted after \(Self.seconds(server.timeouts.idle)) without a PDU"),
        ]
        if let dimse = server.dimseTimeout {
            rows.append(("DIMSE timeout", "\(Self.seconds(dimse)) for the rest of a message once it began"))
        }
        rows += [
            ("Implementation Class UID", "`\(Implementation.classUID)`"),
            ("Implementation Version Name", "`\(Implementation.versionName)`"),
            (
                "Largest instance stored",
                "\(Self.grouped(Int(archive.maximumInstanceBytes))) bytes; a larger one is answered A700H"
            ),
            (
                "Free space kept on the image folder",
                "\(Self.grouped(Int(archive.minimumFreeBytes))) bytes; below it C-STORE is answered A700H and "
                    + "nothing is written"
            ),
            (
                "Same SOP Instance UID with different bytes",
                "`\(archive.duplicatePolicy.rawValue)` (`--duplicate-policy keep|replace`)"
            ),
            (
                "TLS",
                "\(DICOMTLSConfiguration.minimumTLSVersionName) or later (`--dicom-tls-cert`, "
                    + "`--dicom-tls-key`, `--dicom-tls-ca`); peers are authenticated by certificate against the given CA"
            ),
        ]
        if services.worklist != nil, let worklistLimit {
            rows.append(
                ("Worklist items answered to one C-FIND", "\(Self.grouped(worklistLimit)) (`--worklist-limit`)"))
        }
        return Self.table(["Setting", "Value"], rows.map { [$0.0, $0.1] })
    }

    /// PS3.2 §A.2 (network services): every SOP class other than storage, with its role.
    func networkServices(_ accepted: [AcceptedSOPClass]) -> String {
        Self.table(
            ["SOP Class", "SOP Class UID", "SCU", "SCP", "Peer service"],
            accepted.filter { $0.service != .store }.map {
                [$0.name, "`\($0.uid)`", "No", "Yes", "`\($0.service.rawValue)`"]
            })
    }

    /// The storage SOP classes: SCP for peers allowed `store`, SCU in C-MOVE and C-GET sub-operations.
    func storageSOPClasses(_ accepted: [AcceptedSOPClass]) -> String {
        let storage = accepted.filter { $0.service == .store }
        let scu = services.move != nil || services.get != nil
        let intro =
            "\(storage.count) storage SOP classes, SCP for peers allowed `store`"
            + (scu ? ", SCU in the C-MOVE and C-GET sub-operations that send them back" : "")
            + (acceptsUnregisteredStorageSOPClasses
                ? ". A storage SOP class the UID registry of this version does not list yet, under a storage root "
                    + "(\(StorageSOPClasses.roots.map { "`\($0)`" }.joined(separator: ", "))), is accepted as well:"
                : ":")
        return intro + "\n\n"
            + Self.table(
                ["SOP Class", "SOP Class UID", "SCU", "SCP"],
                storage.map { [$0.name, "`\($0.uid)`", scu ? "Yes" : "No", "Yes"] })
    }

    /// PS3.2 §A.4.1.3.3 (acceptable presentation contexts): per SOP class, or per group of storage
    /// classes accepted alike.
    func acceptablePresentationContexts(_ accepted: [AcceptedSOPClass]) -> String {
        var rows: [[String]] = []
        for sopClass in accepted where sopClass.service != .store {
            rows.append([
                "\(sopClass.name) `\(sopClass.uid)`", Self.syntaxList(sopClass), "SCP", "None", sopClass.preference,
            ])
        }
        let storage = accepted.filter { $0.service == .store }
        var groups: [(sample: AcceptedSOPClass, count: Int)] = []
        for sopClass in storage {
            if let index = groups.firstIndex(where: {
                $0.sample.transferSyntaxes == sopClass.transferSyntaxes
                    && $0.sample.acceptsUnlistedTransferSyntaxes == sopClass.acceptsUnlistedTransferSyntaxes
                    && $0.sample.preference == sopClass.preference
            }) {
                groups[index].count += 1
            } else {
                groups.append((sopClass, 1))
            }
        }
        for group in groups {
            let which =
                group.count == storage.count
                ? "Every storage SOP class listed above (\(storage.count))"
                : "\(group.count) of the storage SOP classes listed above, e.g. \(group.sample.name)"
            rows.append([which, Self.syntaxList(group.sample), "SCP", "None", group.sample.preference])
        }
        if let get = services.get, let sample = storage.first {
            // A C-GET requestor proposes the storage contexts it will receive on with the SCP role.
            let handlers = ServiceHandlers(get: get)
            let request = AAssociateRQ(
                calledAETitle: listener.aeTitle, callingAETitle: "CONFORMANCE",
                presentationContexts: [
                    PresentationContextRQ(id: 1, abstractSyntax: sample.uid, transferSyntaxes: sample.transferSyntaxes)
                ],
                userInformation: UserInformation(roleSelections: [
                    .init(sopClassUID: sample.uid, scuRole: false, scpRole: true)
                ]))
            let negotiated = PresentationContextNegotiation.negotiate(request, handlers: handlers)
            if negotiated.contexts.first?.result == .acceptance, negotiated.roleSelections.first?.scpRole == true {
                rows.append([
                    "Storage SOP classes proposed with SCP/SCU Role Selection (SCP role) by a peer allowed `get`",
                    "whichever the requestor proposes, in its order (the instance is sent as stored, so a context in "
                        + "its stored transfer syntax is needed)",
                    "SCU (C-STORE sub-operations of C-GET on the same association)",
                    "SCP/SCU Role Selection (PS3.7 §D.3.3.4), answered as proposed", "the proposer's order",
                ])
            }
        }
        return Self.table(
            ["Abstract syntax", "Transfer syntaxes", "Role", "Extended negotiation", "When several are proposed"],
            rows)
    }

    /// PS3.2 §A.4.1.3.2 (proposed presentation contexts): the associations Lightbox opens itself.
    var proposedPresentationContexts: String {
        var rows: [[String]] = []
        if services.move != nil {
            rows.append([
                "C-STORE sub-operations of a C-MOVE, to the move destination's peer entry (host, port)",
                "the SOP class of each instance to send",
                "the one transfer syntax it is stored in, so the bytes go exactly as received (at most "
                    + "\(SubOperationNegotiation.maximumPresentationContexts) contexts; an instance without an "
                    + "accepted context fails its sub-operation)",
                "SCU", "None",
            ])
        }
        if services.storageCommitment != nil {
            let proposal = StorageCommitmentNotifier.proposal
            let role = StorageCommitmentNotifier.roleSelection
            rows.append([
                "N-EVENT-REPORT of a storage commitment result, to the requestor's peer entry, when the request's "
                    + "association is gone",
                "\(Self.name(of: proposal.abstractSyntax)) `\(proposal.abstractSyntax)`",
                proposal.transferSyntaxes.map(Self.name(of:)).joined(separator: ", "),
                role.scpRole && !role.scuRole ? "SCP" : "SCU",
                "SCP/SCU Role Selection proposing SCU \(role.scuRole ? "yes" : "no"), SCP \(role.scpRole ? "yes" : "no")",
            ])
        }
        return Self.table(
            ["Association", "Abstract syntax", "Transfer syntaxes", "Role", "Extended negotiation"], rows)
    }

    /// PS3.4 §C.6.1.1 and §C.6.2.1 as answered: the keys the index matches at each level, from the
    /// domain's table of indexed attributes (``ArchiveAttributes``).
    var queryKeys: String {
        var rows: [[String]] = []
        for attribute in ArchiveAttributes.all {
            let tag = Tag(rawValue: attribute.tag)
            rows.append([
                attribute.level.rawValue, Self.attributeName(tag, attribute.keyword), "\(tag)",
                attribute.isUnique ? "Yes" : "", Self.matching(attribute.kind),
            ])
            for item in ArchiveAttributes.sequenceItems[attribute.tag] ?? [] {
                let itemTag = Tag(rawValue: item.tag)
                rows.append([
                    attribute.level.rawValue, "> " + Self.attributeName(itemTag, item.keyword), "\(itemTag)",
                    "", Self.matching(item.kind),
                ])
            }
        }
        return Self.table(["Level", "Attribute", "Tag", "Unique key", "Matching (PS3.4 §C.2.2.2)"], rows)
    }

    static func attributeName(_ tag: Tag, _ keyword: String) -> String {
        DataDictionary.entry(for: tag)?.name ?? keyword
    }

    static func matching(_ kind: ArchiveValueKind) -> String {
        switch kind {
        case .text: "single value, wildcards `*` `?`, universal; case-sensitive"
        case .personName: "single value, wildcards `*` `?`, universal; case-insensitive"
        case .date, .time, .dateTime: "single value, range, universal"
        case .uid: "single value, list of UIDs, universal"
        case .exact: "single value, universal"
        case .sequence: "sequence matching on the item's keys below; an empty item is universal"
        }
    }

    static func syntaxList(_ sopClass: AcceptedSOPClass) -> String {
        let names = sopClass.transferSyntaxes.map { "\(name(of: $0))" }
        let all = Set(listedTransferSyntaxes).isSubset(of: Set(sopClass.transferSyntaxes))
        var text = all ? "every transfer syntax of PS3.5 (\(names.count)): " : ""
        text += names.joined(separator: ", ")
        if sopClass.acceptsUnlistedTransferSyntaxes {
            text += "; and any other transfer syntax proposed (the data set is kept as sent)"
        }
        return text
    }

    /// A Markdown table; `|` in a cell is escaped.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
        }
        return ([line(header), "|" + String(repeating: "---|", count: header.count)] + rows.map(line))
            .joined(separator: "\n")
    }

    /// 262144 → "262,144" (the same whatever the locale of the machine generating it).
    static func grouped(_ value: Int) -> String {
        var digits = String(value)
        var groups: [String] = []
        while digits.count > 3 {
            groups.insert(String(digits.suffix(3)), at: 0)
            digits.removeLast(3)
        }
        groups.insert(digits, at: 0)
        return groups.joined(separator: ",")
    }

    static func seconds(_ amount: TimeAmount) -> String {
        let nanoseconds = amount.nanoseconds
        return nanoseconds % 1_000_000_000 == 0
            ? "\(nanoseconds / 1_000_000_000) s" : "\(Double(nanoseconds) / 1_000_000_000) s"
    }
}
