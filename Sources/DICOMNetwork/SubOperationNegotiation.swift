/// The presentation contexts a C-MOVE SCP proposes on the association it opens to the move
/// destination (PS3.4 §C.4.2.3.1): one context per SOP class and transfer syntax of the instances
/// to send, each in the one transfer syntax it is stored in, so every instance goes exactly as held.
public enum SubOperationNegotiation {
    /// At most this many contexts are proposed (PS3.8 §9.3.2.2: presentation context IDs are odd
    /// numbers 1-255); an instance whose context did not fit fails its own sub-operation.
    public static let maximumPresentationContexts = 128

    /// The proposals for `items`, in the order their SOP class and transfer syntax first appear.
    public static func proposals(for items: [StoreItem]) -> [AssociationParameters.Proposal] {
        var proposals: [AssociationParameters.Proposal] = []
        for item in items where proposals.count < maximumPresentationContexts {
            let proposal = AssociationParameters.Proposal(
                abstractSyntax: item.sopClassUID, transferSyntaxes: [item.transferSyntaxUID])
            if !proposals.contains(proposal) { proposals.append(proposal) }
        }
        return proposals
    }
}
