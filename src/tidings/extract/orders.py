"""Who an order asks to act, read from the parse: an order is a request only when it asks a party to do
something (`judging.relevance`); otherwise it is the orderer's own measure (`coding.authority_order`).

    "the judge ordered the State Department to release the emails"   asks the State Department
    "the ministry ordered all pigs to be slaughtered"                 asks no one: an act in the passive
    "ordered the test", "ordered 300 of them to Cameroon"             asks no one: a thing ordered
    "was ordered to remain in the city", "an offensive ordered by"    asks no one named: a passive order
    "the president ordered the army to withdraw"                      its own forces: the withdrawal
"""

from __future__ import annotations

from ..codes import FORCE_SECTORS, NON_STATE_CODES
from ..records import Token
from ..syntax import Tree
from .draft import Draft

__all__ = ["asks_no_one", "to_own_forces"]


def _passive(tree: Tree, verb: Token) -> bool:
    """A clause in the passive: "[to be] slaughtered", "[be] returned", "land [returned] to families"."""
    if tree.kids(verb.i, "nsubjpass", "auxpass"):
        return True
    return verb.tag == "VBN" and not tree.kids(verb.i, "aux")


def asks_no_one(tree: Tree, verb: Token) -> bool:
    """Whether an order (`verb`) addresses no party with an act of its own to do: told in the passive, of
    an act in the passive, or with no clause of what is to be done (a thing ordered)."""
    if tree.kids(verb.i, "nsubjpass", "auxpass") or verb.dep == "acl":
        return True
    clauses = tree.kids(verb.i, "xcomp", "ccomp")
    if not clauses or any(_passive(tree, c) for c in clauses):
        return True
    return not (tree.kids(verb.i, "dobj") or [s for c in clauses for s in tree.kids(c.i, "nsubj")])


def to_own_forces(draft: Draft) -> bool:
    """Whether a state's authority aims the draft at forces of its own country, or of none named: "the
    president ordered the army to withdraw", "ordered security forces to move the boss"; not a body of
    states ("the Security Council ordered the two armies to pull back")."""
    own = {a.country for a in draft.actors}
    if not draft.actors or own & NON_STATE_CODES:
        return False  # who can order a state's forces commands them, unless a body of states
    return bool(draft.recipients) and all(
        r.sector in FORCE_SECTORS and (r.country is None or r.country in own) for r in draft.recipients
    )
