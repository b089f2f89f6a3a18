"""The parse as a tree: children, subtrees, subjects and objects of a predicate (the parse stage, with
`nlp`)."""

from __future__ import annotations

from dataclasses import dataclass

from .records import ParsedSentence, Token

__all__ = ["QUOTE_MARKS", "Tree"]

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "obj", "attr", "oprd")
# Parts of a noun phrase that lengthen it without naming the actor better.
PHRASE_CUT_DEPS = frozenset(
    {"relcl", "acl", "advcl", "punct", "cc", "prep", "appos", "conj", "ccomp", "parataxis"}
)
KEEP_PREP_HEADS = frozenset({"of"})
RELATIVE_TAGS = frozenset({"WDT", "WP"})
QUOTE_MARKS = frozenset('"“”')  # the marks that open and close quoted speech
# prepositions of time whose gerund tells an act done with its clause, by its subject ("watched them
# [before arresting them]", "[after seizing] the town, rebels ..."); "instead of", "without" and "for"
# tell what was done instead, not done, or why, and "in", "of" name a kind of act ("its role in
# facilitating", "accused of smuggling")
TIME_PREPOSITIONS = frozenset({"before", "after", "upon", "since"})
_DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _state_abbreviation(text: str) -> bool:
    """A state as a dateline abbreviates it: "Ark.", "Conn.", "N.C.", "Wash."."""
    return text.endswith(".") and text[:1].isupper() and len(text) <= 6


@dataclass(frozen=True, slots=True)
class Tree:
    """A parsed sentence with its child lists, built once per sentence."""

    sentence: ParsedSentence
    children: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, sentence: ParsedSentence) -> Tree:
        kids: list[list[int]] = [[] for _ in sentence.tokens]
        for tok in sentence.tokens:
            if tok.head != tok.i:
                kids[tok.head].append(tok.i)
        return cls(sentence=sentence, children=tuple(tuple(k) for k in kids))

    @property
    def tokens(self) -> tuple[Token, ...]:
        return self.sentence.tokens

    def kids(self, i: int, *deps: str) -> list[Token]:
        tokens = self.sentence.tokens  # once, not per child: this runs millions of times on long sentences
        if deps:
            return [tokens[c] for c in self.children[i] if tokens[c].dep in deps]
        return [tokens[c] for c in self.children[i]]

    def head(self, i: int) -> Token | None:
        tok = self.tokens[i]
        return None if tok.head == i else self.tokens[tok.head]

    def ancestors(self, i: int) -> list[Token]:
        out: list[Token] = []
        seen = {i}
        cur = self.tokens[i]
        while cur.head != cur.i and cur.head not in seen:
            seen.add(cur.head)
            cur = self.tokens[cur.head]
            out.append(cur)
        return out

    def subtree(self, i: int) -> list[int]:
        out = [i]
        stack = list(self.children[i])
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(self.children[c])
        return sorted(out)

    def phrase(self, i: int, *, keep_of: bool = True) -> tuple[int, int]:
        """Token range [start, end) of the noun phrase headed by token i, without clauses or conjuncts."""
        keep = [i]
        stack = [c for c in self.children[i] if self._keeps(c, keep_of)]
        while stack:
            c = stack.pop()
            keep.append(c)
            stack.extend(k for k in self.children[c] if self.tokens[k].dep not in ("relcl", "acl", "punct"))
        lo, hi = min(keep), max(keep) + 1
        while lo < hi - 1 and self.tokens[lo].pos in ("PUNCT", "CCONJ"):
            lo += 1
        while hi - 1 > lo and self.tokens[hi - 1].pos in ("PUNCT", "CCONJ"):
            hi -= 1
        return lo, hi

    def entity_span(self, i: int) -> tuple[int, int] | None:
        """Token range [start, end) of the named entity token i is part of, if any."""
        if self.tokens[i].ent_iob == "O" or not self.tokens[i].ent_type:
            return None
        lo = i
        while lo > 0 and self.tokens[lo].ent_iob == "I":
            lo -= 1
        hi = i + 1
        while hi < len(self.tokens) and self.tokens[hi].ent_iob == "I":
            hi += 1
        return lo, hi

    def _keeps(self, c: int, keep_of: bool) -> bool:
        tok = self.tokens[c]
        if tok.dep in PHRASE_CUT_DEPS:
            return keep_of and tok.dep == "prep" and tok.lemma in KEEP_PREP_HEADS
        return True

    def conjuncts(self, i: int) -> list[int]:
        """Token i and the heads coordinated with it ("Jordan and Britain")."""
        out = [i]
        stack = [c.i for c in self.kids(i, "conj")]
        while stack:
            c = stack.pop(0)
            out.append(c)
            stack.extend(k.i for k in self.kids(c, "conj"))
        return out

    def text(self, lo: int, hi: int) -> str:
        toks = self.tokens[lo:hi]
        return "".join(t.text + t.ws for t in toks).strip()

    def char_span(self, lo: int, hi: int) -> tuple[int, int]:
        """The characters of tokens [lo, hi) without white-space tokens at either end, as `text` gives
        them ("\n Rebels" after a paragraph break is "Rebels")."""
        first, last = lo, hi
        while first < last and self.tokens[first].text.isspace():
            first += 1
        while last > first and self.tokens[last - 1].text.isspace():
            last -= 1
        if first == last:  # white space only: an empty span where it starts
            return self.tokens[lo].start, self.tokens[lo].start
        return self.tokens[first].start, self.tokens[last - 1].end

    def time_clause(self, i: int) -> Token | None:
        """The verb that gerund i hangs from by a preposition of time ("watched the suspects [before]
        arresting them" -> watched), or None."""
        tok = self.tokens[i]
        prep = self.head(i)
        if tok.dep != "pcomp" or tok.tag != "VBG" or prep is None:
            return None
        if prep.dep != "prep" or prep.lemma not in TIME_PREPOSITIONS:
            return None
        clause = self.head(prep.i)
        return clause if clause is not None and clause.pos in ("VERB", "AUX") else None

    def is_passive(self, i: int) -> bool:
        return bool(self.kids(i, "auxpass", "nsubjpass", "csubjpass"))

    @property
    def dateline_end(self) -> int:
        """The index of the first token after a dateline that opens the sentence ("WASHINGTON (AP) -",
        "LOS ANGELES (AP) —", "BENTON, Ark. (KTHV) --"), else 0: the town a report was filed from, in
        capitals, with its state and agency, before a dash. The parser often makes the town the subject
        of the sentence's verb ("LOS ANGELES ... dove deeper"); it is no one's act."""
        tokens = self.tokens
        first = tokens[0] if tokens else None
        # a place ("NATO - the alliance said" keeps its subject)
        if first is None or not (first.text.isupper() and first.text.isalpha() and first.ent_type in _PLACES):
            return 0
        inside = False
        for tok in tokens[:16]:
            if tok.text in _DATELINE_DASHES:
                return tok.i + 1 if tok.i > 0 else 0
            if tok.text == "(":
                inside = True
            elif tok.text == ")":
                inside = False
            elif not (inside or tok.text == "," or tok.text.isupper() or _state_abbreviation(tok.text)):
                return 0
        return 0

    def subject(self, i: int) -> Token | None:
        """The grammatical subject of predicate i, looking up through xcomp/conj chains."""
        cur: Token | None = self.tokens[i]
        seen: set[int] = set()
        came_by_xcomp = False
        after_dateline = self.dateline_end
        while cur is not None and cur.i not in seen:
            seen.add(cur.i)
            subj = [k for k in self.kids(cur.i, *SUBJECT_DEPS) if k.i >= after_dateline]
            if not subj and came_by_xcomp:  # "Obama is scheduled [to attend]": the raised subject
                subj = self.kids(cur.i, *PASSIVE_SUBJECT_DEPS)
            if subj:
                if subj[0].tag in RELATIVE_TAGS and cur.dep == "relcl":
                    return self.head(cur.i)  # "a resolution that aims to ..." -> the resolution
                return subj[0]
            if cur.dep == "relcl" and self.tokens[cur.head].pos in ("NOUN", "PROPN"):
                return self.head(cur.i)
            # "is willing to withdraw": the adjective's subject is the copula's
            climbs = cur.dep in ("xcomp", "conj", "advcl", "pcomp", "acomp")
            came_by_xcomp = cur.dep == "xcomp"
            clause = self.time_clause(cur.i)
            if clause is not None:  # "police watched them [before arresting them]": the police
                cur = clause
                continue
            if climbs or (cur.dep == "acl" and cur.tag == "VBG"):
                if (
                    cur.dep == "advcl"
                    and cur.tag not in ("VBG", "VBN", "TO")
                    and not self._is_infinitive(cur.i)
                ):
                    return None
                cur = self.head(cur.i)
                continue
            return None
        return None

    def _is_infinitive(self, i: int) -> bool:
        return any(t.dep == "aux" and t.lemma == "to" for t in self.kids(i))

    def passive_subject(self, i: int) -> Token | None:
        found = self.kids(i, *PASSIVE_SUBJECT_DEPS)
        return found[0] if found else None

    def agent(self, i: int) -> Token | None:
        """The by-phrase object of a passive predicate."""
        for prep in self.kids(i, "agent"):
            objs = self.kids(prep.i, "pobj")
            if objs:
                return objs[0]
        return None

    def direct_object(self, i: int) -> Token | None:
        found = self.kids(i, *OBJECT_DEPS)
        if found:
            return found[0]
        for dative in self.kids(i, "dative"):
            return dative
        return None

    def prep_objects(self, i: int) -> list[tuple[str, Token]]:
        """(preposition lemma, object) pairs attached to token i."""
        out: list[tuple[str, Token]] = []
        for prep in self.kids(i, "prep", "agent", "dative", "prt"):
            for obj in self.kids(prep.i, "pobj", "pcomp"):
                out.append((prep.lemma, obj))
        return out
