"""One sentence -> the open questions it leaves, each with the cue that found it.

:func:`find_questions` runs the patterns of :mod:`briefing.derive.question_cues` in a
fixed order (strongest cue first) and builds each question with the grammar helpers;
:func:`_left_open` adds what a story leaves open without saying so (a request awaiting
an answer, a conditional threat, a ruling expected). Kept apart from the article-level
pass in :mod:`briefing.derive.questions` so each can be read on its own.
"""

from __future__ import annotations

import re

from briefing.derive.question_cues import (
    _ASKED,
    _AWAITING,
    _CHALLENGED,
    _CLAUSE_WORD,
    _CLOSE_TO,
    _DEADLINE_FOR,
    _DECIDE_WHEN,
    _DECIDE_WHETHER,
    _DECISION_CUE,
    _DENY,
    _DONE_BY,
    _EVENTS,
    _GIVEN_TIME,
    _HOPED,
    _IN_TALKS,
    _INTENT_WHEN,
    _LEAD_NAME,
    _LEGAL_ACT,
    _MODAL,
    _MOTIONS,
    _NEEDS_APPROVAL,
    _NO_COMMENT,
    _NO_DECISION,
    _NO_SUBJECT,
    _NOT_UNTIL,
    _NOT_VERBS,
    _NOT_YET,
    _OFFERED,
    _OPTIONS,
    _OUTCOME,
    _PAST_BASE,
    _PERSONAL,
    _PLANNED,
    _RELATIVE,
    _RESUME,
    _RULE_OUT,
    _RULING_DUE,
    _SHARED_SUBJECT,
    _SILENCE,
    _SOON,
    _SOON_WHEN,
    _SUBMIT,
    _SUBORDINATE_LEAD,
    _THREAT,
    _UNDECIDED,
    _UNDER_INQUIRY,
    _UNLESS,
    _UNTIL,
    _UNTIL_ACT,
    _UNTIL_DONE,
    _URGED,
    _VOTE_AT,
    _VOTE_ON,
    _WARNED,
    _WH,
    _WH_CUES,
    _WH_LEAD,
    _WHETHER_TO,
    _WOULD_IF,
    _YES_NO,
    _scan,
    _scan_any,
)
from briefing.derive.question_grammar import (
    _AUX_TAIL,
    _FILLER_SUBJECTS,
    _REPORTING,
    _base,
    _base3,
    _finish,
    _np,
    _ok_subject,
    invert,
)
from briefing.derive.question_open import open_matters
from briefing.derive.question_subjects import (
    _named_description,
    _named_pronoun,
    _owner_named,
    _subject_before,
    sentence_subject,
)

#: A comma or point inside a number ("500,000", "3.75") is masked while the cue patterns
#: run: they stop a clause at "," and ".", which cut "raise the limit to 500,000 thalers"
#: to "… to 500?".
_IN_NUMBER = re.compile(r"(?<=\d)[,.](?=\d)")
_MASK = {",": "\ue000", ".": "\ue001"}
_UNMASK = str.maketrans({v: k for k, v in _MASK.items()})


def find_questions(sentence: str, with_no_comment: bool = False) -> list[tuple[str, str]]:
    """(question, cue) pairs for one sentence, strongest cue first."""
    masked = _IN_NUMBER.sub(lambda m: _MASK[m.group()], sentence)
    found = _find_questions(masked, with_no_comment)
    return [(question.translate(_UNMASK), cue) for question, cue in found]


def _find_questions(sentence: str, with_no_comment: bool = False) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    # ", who won 11%," is not part of what is asked
    sentence = _RELATIVE.sub("", sentence)
    for found in _URGED.finditer(sentence):
        target, act = found.group("who"), found.group("act")
        if target.split()[0] in {"The", "A", "An", "Its", "Their"}:
            target = target[0].lower() + target[1:]
        if act.split()[0] in _NOT_VERBS:
            continue
        if re.search(r"\b(?:19|20)\d\d\b", act):
            continue  # "ordered Pulsa to stop the sales in 2034": done and dated, not open
        out.append((_finish(f"will {target} {act}"), "urged"))
    for wh in _WH.finditer(sentence):
        lead = sentence[: wh.start()]
        clause_end = sentence[wh.end() : wh.end() + 60]
        if wh.group("clause").startswith("to "):
            continue  # "whether to …": see _WHETHER_TO
        cue = _WH_CUES.search(lead) or _DECIDE_WHEN.search(lead[-80:])
        if cue and _DECISION_CUE.match(cue.group(0)) and wh.group("wh").lower() not in _YES_NO:
            continue  # "decide what every child learns" asks nothing yes/no
        if cue or (
            _WH_LEAD.match(sentence[wh.start() :])
            and wh.start() == 0
            and re.match(
                r"\s+(?:remains?|is|was)\s+(?:uncertain|unclear|not clear|unknown|open|"
                r"undecided|to be seen)",
                clause_end,
            )
        ):
            question = invert(wh.group("wh"), wh.group("clause"))
            named = _LEAD_NAME.match(sentence)
            pron = re.match(
                r"(Will|Has|Does|Can|Could)\s+(it|they|he|she)\b(?!\s+(?:true|known)\b)",
                question,
            )
            neither = re.match(r"(?:Neither|Nor)\s+(\w+)\s+(?:has|have)\b", sentence)
            if pron and neither and pron.group(2) in {"it", "they"}:
                question = f"{pron.group(1)} either {neither.group(1)}{question[pron.end() :]}"
            elif (
                pron
                and named
                and not _WH_LEAD.match(named.group(0))
                and not named.group(0).endswith(("'s", "’s"))
                and named.group(0) not in {"It", "The", "A", "An"}
            ):
                # "Halvard declined to say whether it would …" -> "Will Halvard …?"
                question = f"{pron.group(1)} {named.group(0)}{question[pron.end() :]}"
            out.append((question, "unclear"))
            other = re.search(r",?\s+or\s+whether\s+(?P<c>[^.;]+)", wh.group("clause"))
            if other:  # "what would happen to X, or whether Y": Y is a matter of its own
                out.append((invert("whether", other.group("c")), "unclear"))
    for found in _RULE_OUT.finditer(sentence):
        before = sentence[: found.start()]
        subject = _subject_before(before)
        shared = _SHARED_SUBJECT.match(_REPORTING.sub("", before))
        if subject is None and shared:  # "X would ask … and had not excluded …"
            subject = shared.group("subj")
        if subject:
            act = found.group("act") or found.group("act2")
            legal = _LEGAL_ACT.match(act)
            if legal and subject.lower() not in _PERSONAL:  # "a case at the court"
                verb = (
                    "take"
                    if legal.group(1).lower().startswith(("action", "step", "measure"))
                    else "bring"
                )
                out.append((_finish(f"will {subject} {verb} {act}"), "not-ruled-out"))
            elif found.group("act2"):
                out.append((_finish(f"will {subject} consider {act}"), "would-consider"))
            elif act.split()[0].endswith("ing"):
                out.append((_finish(f"could {subject} end up {act}"), "not-ruled-out"))
            else:  # "has not ruled out changes to the timetable": a noun phrase
                out.append((_finish(f"will there be {act}"), "not-ruled-out"))
    for found in _IN_TALKS.finditer(sentence):
        subject = _subject_before(sentence[: found.start()])
        if subject:
            partner = found.group("with") or ""
            out.append((_finish(f"will {subject} reach an agreement {partner}"), "in-talks"))
    for deny in _DENY.finditer(sentence):
        out.append((_finish(f"is it true that {deny.group('claim')}"), "did-not-deny"))
    for undecided in _scan(_UNDECIDED, sentence):
        subject = re.sub(
            r"^(?:and|but|that|while|which|as)\s+", "", undecided.group("subj").strip()
        )
        subject = re.sub(r"^.*\b(?:that|and)\s+(?=the |their |its |his |her )", "", subject)
        subject = _REPORTING.sub("", subject)
        if (
            subject
            and len(subject.split()) <= 8
            and not re.search(r"\b(?:that|which|who)$", subject)
        ):
            subject = subject[0].lower() + subject[1:] if not subject[:2].isupper() else subject
            if subject.lower() in _FILLER_SUBJECTS:
                continue  # "the matter", "the issue": no question worth asking
            outcome = _OUTCOME.get(undecided.group("what").split()[-1].lower(), "be decided")
            head = re.split(r"\s+(?:of|on|for|with|between)\s+", subject)[0].split()[-1:]
            if outcome in {"be scheduled", "be set"} and set(head) & _EVENTS:
                outcome = "take place"  # "a new round of talks has not been scheduled"
            out.append((_finish(f"will {subject} {outcome}"), "undecided"))
    for found in _scan(_WHETHER_TO, sentence):
        if re.search(r"\buntil\b[^,;]{0,40}$", sentence[: found.start()]):
            continue  # "has until May 9 to decide whether to …": see _UNTIL
        before = _AUX_TAIL.sub("", sentence[: found.start()])
        subject = _np(_subject_before(before) or "")
        if subject and subject.lower() not in {"i", "we", "you"}:
            out.append((_finish(f"will {subject} {found.group('act')}"), "undecided"))
    for found in _scan(_NOT_YET, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True) and not subject[:1].isdigit():
            verb = _base(found.group("done")) if found.group("done") else found.group("base")
            out.append((_finish(f"will {subject} {verb}{found.group('rest')}"), "not-yet"))
    for found in _scan(_GIVEN_TIME, sentence):
        who = _np(found.group("who"))
        if _ok_subject(who):
            act = found.group("act")
            out.append((_finish(f"will {who} {act} within {found.group('time')}"), "deadline"))
    for found in _scan(_UNTIL, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            act = found.group("act").strip()
            choice = _DECIDE_WHETHER.match(act)
            if choice:
                act = f"{choice.group('verb')} {choice.group('obj')}"
            out.append((_finish(f"will {subject} {act} by {found.group('when')}"), "deadline"))
    for found in _scan(_VOTE_ON, sentence):
        subject = _np(found.group("subj"))
        what = found.group("what").strip()
        if _ok_subject(subject, pronoun=True):
            verb = "pass" if set(what.lower().split()[:3]) & _MOTIONS else "approve"
            out.append((_finish(f"will {subject} {verb} {what}"), "vote"))
    for found in _scan(_PLANNED, sentence):
        subject = _np(_AUX_TAIL.sub("", found.group("subj") or found.group("subj2") or ""))
        # "ready to move before the ban was due to …": the subject is the ban
        subject = _SUBORDINATE_LEAD.sub("", subject)
        if _CLAUSE_WORD.match(subject):
            continue  # "which were due to …", "with Verrin expected to …": not a subject
        act = found.group("act") or found.group("act2")
        if _ok_subject(subject, pronoun=True) and not subject.lower().startswith(("i ", "we ")):
            out.append((_finish(f"will {subject} {act}"), "planned"))
    for found in _scan(_DEADLINE_FOR, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} decide by {found.group('when')}"), "deadline"))
    for found in _scan(_THREAT, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} {found.group('act')}"), "threat"))
    for found in _scan(_UNLESS, sentence):
        subject = _np(found.group("subj"))
        out.append(
            (
                _finish(f"will {subject} {_base3(found.group('verb'))} {found.group('rest')}"),
                "unless",
            )
        )
    for found in _scan(_NOT_UNTIL, sentence):
        # "said on Wednesday that its rocket would not …": the subject follows "that"
        subject = re.sub(r"^.*\bthat\s+", "", _AUX_TAIL.sub("", found.group("subj")))
        subject = _np(subject)
        if _ok_subject(subject, pronoun=True) and subject.lower() not in {"i", "we", "you"}:
            out.append((_finish(f"will {subject} {found.group('act')}"), "until"))
    for found in _scan(_UNTIL_DONE, sentence):
        subject = _np(found.group("subj"))
        if _ok_subject(subject):
            out.append(
                (_finish(f"will {subject} be {found.group('part')}{found.group('rest')}"), "until")
            )
    for found in _scan(_CHALLENGED, sentence):
        who = _np(found.group("who"))
        if _ok_subject(who):
            out.append((_finish(f"will {who} agree to {found.group('what')}"), "challenge"))
    for found in _scan(_VOTE_AT, sentence) if not _scan_any(_VOTE_ON, sentence) else ():
        subject = _np(found.group("subj"))
        if _ok_subject(subject, pronoun=True):
            out.append((_finish(f"will {subject} vote in favour {found.group('when')}"), "vote"))
    for found in _scan(_DONE_BY, sentence):
        subject = _np(_REPORTING.sub("", found.group("subj")))
        if _ok_subject(subject):
            out.append(
                (
                    _finish(f"will {subject} be {found.group('done')} {found.group('when')}"),
                    "planned",
                )
            )
    for found in _ASKED.finditer(sentence):
        out.append((invert("whether", found.group("clause")), "asked"))
    for found in _scan(_CLOSE_TO, sentence):
        subject = _np(found.group("subj")).strip()
        if subject.endswith(",") and subject.count(",") == 1:
            subject = subject[:-1]
        if subject and len(subject.split()) <= 12 and subject.lower() not in _PERSONAL:
            out.append((_finish(f"will {subject} reach {found.group('what')}"), "close-to"))
    for found in _scan(_HOPED, sentence):
        subject = _np(found.group("subj"))
        out.append((_finish(f"will {subject} be {found.group('rest')}"), "hoped"))
    for found in _scan(_WARNED, sentence):
        subject = _np(found.group("subj") or found.group("subj2"))
        if _ok_subject(subject) and subject.lower() not in {"i", "we", "you", "they", "he", "she"}:
            rest = re.split(r",\s*(?:but|and|which|as|while)\b", found.group("rest"))[0]
            out.append((_finish(f"will {subject} {rest}"), "warned"))
    for found in _scan(_NO_DECISION, sentence):
        subject = _np(found.group("subj") or "")
        what = found.group("what").strip()
        if subject and _ok_subject(subject):
            out.append((_finish(f"will {subject} decide on {what}"), "undecided"))
        else:
            out.append((_finish(f"will a decision be made on {what}"), "undecided"))
    for no_comment in _NO_COMMENT.finditer(sentence) if with_no_comment else ():
        subject = (no_comment.group("subj") or no_comment.group("subj2") or "").strip()
        subject = re.sub(r"^(?:and|but|while)\s+", "", subject)
        if subject and len(subject.split()) <= 8:
            if subject.split()[0] in {"The", "A", "An"}:
                subject = subject[0].lower() + subject[1:]
            out.append((_finish(f"how will {subject} respond"), "no-comment"))
    if _SOON.search(sentence):
        for modal in _MODAL.finditer(sentence):
            subject = modal.group("subj").strip()
            subject = re.sub(
                r"^.*\b(?:said|says|told \w+|warned|believes?|expects?)\s+(?:that\s+)?", "", subject
            )
            if not subject:
                continue
            if subject.split()[0] in {"The", "A", "An", "Its", "Their"}:
                subject = subject[0].lower() + subject[1:]
            rest = modal.group("rest")
            when = _SOON_WHEN.search(rest)
            if when:  # "could come soon, possibly before the ministers meet on May 13"
                rest = rest[: when.start()] + when.group("when")
            rest = re.split(r",\s*(?:possibly|but|and|which|as)\b", rest)[0]
            out.append((_finish(f"will {subject} {rest}"), "could-soon"))
    # a pronoun subject is named by the sentence's own subject ("The tribunal has not said
    # whether it will …"); "Is it true that whether …?" is never a question
    out.extend(_left_open(sentence))
    out.extend(open_matters(sentence))
    own = sentence_subject(sentence)
    out = [(_owner_named(_named_pronoun(q, own), sentence), cue) for q, cue in out]
    return [
        (q, cue)
        for q, cue in out
        if "that whether" not in q.lower()
        and (cue == "no-comment" or not _SILENCE.search(q))
        and not re.match(r"^\w+\s+Talks\b", q)
        and not _NO_SUBJECT.match(q)
    ]


def _left_open(sentence: str) -> list[tuple[str, str]]:
    """What a story leaves open without saying so: a request awaiting an answer, an offer
    not yet taken up, a threat made on a condition, a ruling expected, talks to resume."""
    out: list[tuple[str, str]] = []
    if re.search(r"\b(?:waiting|awaiting)\b", sentence):
        for found in _AWAITING.finditer(sentence):
            subject = _np(found.group("subj"))
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} get {found.group('what')}"), "awaiting"))
    for found in _OFFERED.finditer(sentence):
        out.append((_finish(f"will the offer to {found.group('act')} be accepted"), "offer"))
    if re.search(r"\b(?:if|unless)\b", sentence):
        for found in _WOULD_IF.finditer(sentence):
            subject = _np(found.group("np") or found.group("subj"))
            if found.group("np"):
                subject = _named_description(subject, sentence[: found.start("np")])
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} {found.group('act')}"), "threat"))
    if re.search(r"\bwould\b|\bwill\b", sentence):
        plain = re.sub(r"[\"“”]", "", sentence)
        for found in _INTENT_WHEN.finditer(plain):
            subject = _np(found.group("subj"))
            if _ok_subject(subject):
                out.append((_finish(f"will {subject} {found.group('act')}"), "intent"))
    for found in _NEEDS_APPROVAL.finditer(sentence):
        what = _np(found.group("what"))
        who = found.group("who").rstrip(".")
        the = "the " if re.search(rf"\bthe\s+{re.escape(who)}", sentence) else ""
        out.append((_finish(f"will {the}{who} approve {what}"), "approval"))
    if "options" in sentence:
        for found in _OPTIONS.finditer(sentence):
            subject = _np(found.group("subj"))
            noun = found.group("noun").lower()
            verb = "take" if noun in {"action"} else "make" if noun in {"bid", "offer"} else "file"
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                what = re.sub(r"^an?\s+", "a ", found.group("what"))
                out.append((_finish(f"will {subject} {verb} {what}"), "options"))
    if "until" in sentence:
        for found in _UNTIL_ACT.finditer(sentence):
            verb = found.group("verb")
            base = _PAST_BASE.get(verb) or (_base(verb) if verb.endswith("ed") else _base3(verb))
            subject = _np(found.group("subj"))
            if _ok_subject(subject) and subject.lower() not in _PERSONAL:
                out.append((_finish(f"will {subject} {base} {found.group('rest')}"), "until"))
    if "under" in sentence:
        for found in _UNDER_INQUIRY.finditer(sentence):
            who = _np(re.sub(r"^.*,\s+(?=[A-Z][^,]*,?$)", "", found.group("who").strip(" ,")))
            who = who.strip(" ,")
            by = found.group("by").rstrip(".")
            the = "the " if re.search(rf"\bthe\s+{re.escape(by)}", sentence) else ""
            if _ok_subject(who):
                out.append((_finish(f"will {the}{by} rule against {who}"), "inquiry"))
    for found in _SUBMIT.finditer(sentence):
        who = found.group("who")
        who = who if who[:1].isupper() or who.startswith("the ") else f"the {who}"
        if who.lower() in {"the parliament", "the congress", "the senate"}:
            who = who[4:].capitalize()
        out.append((_finish(f"will {who} approve {found.group('what')}"), "submitted"))
    for found in _RULING_DUE.finditer(sentence):
        noun = found.group("noun")
        on = found.group("on") or ""
        when = found.group("when") or ""
        out.append((_finish(f"will there be a {noun}{on}{when}"), "ruling-due"))
    for found in _RESUME.finditer(sentence):
        parties = _np(found.group("parties") or found.group("parties2"))
        out.append((_finish(f"will {parties} reach an agreement when talks resume"), "talks"))
    return out
