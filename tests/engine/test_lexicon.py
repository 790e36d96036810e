"""The subject-matter vocabulary is read from the corpus: role names and titles from the job descriptions,
certification names from the guide, alternative area names from its list of core competencies, rows of the
job descriptions by their labels. Nothing here is typed in by hand."""


def test_roles_from_the_job_descriptions(coach):
    lexicon = coach.engine.lexicon
    titles = dict(lexicon.role_titles)
    assert titles["director"] == "executive" and titles["vp"] == "executive"
    assert titles["partner manager"] == "senior" and titles["mid-level"] == "mid"
    assert lexicon.generic_title == ("alliance manager", "mid")  # the title every role name contains


def test_certifications_as_the_guide_spells_them_out(coach):
    lexicon = coach.engine.lexicon
    assert lexicon.certification_names == {
        "CA-AM": "Certificate of Achievement – Alliance Manager",
        "CSAP": "Certified Strategic Alliance Professional",
    }
    assert lexicon.certifications["caam"] == "CA-AM"


def test_the_core_competency_list_gives_areas_their_other_names(coach):
    names = {str(a.code): a.names for a in coach.engine.lexicon.areas}
    assert "alliance cycle" in names["I B"] and "alliance operations model" in names["II D"]


def test_job_description_rows_by_their_labels(coach):
    rows = {row.key: row.stems for row in coach.engine.lexicon.fact_rows}
    assert "experi" in rows["Experience Required"] and "mba" in rows["Education Requirements"]
    assert not rows["Scope of Responsibilities"] & {"respons"}  # "responsibilities" names the lists, not this row


def test_compounds_are_read_as_the_names_they_join(coach):
    assert coach.engine.lexicon.split_compounds("our lifecycle") == "our life cycle"


def test_the_initials_of_the_guides_job_titles_read_as_the_titles(coach):
    lexicon = coach.engine.lexicon
    assert (
        lexicon.title_initials["am"] == "alliance manager"
        and lexicon.title_initials["sam"] == "senior alliance manager"
    )
    assert (
        lexicon.expand_initials("sr AM or director? SAMs too")
        == "sr alliance manager or director? senior alliance managers too"
    )
    assert lexicon.expand_initials("CA-AM, I am new") == "CA-AM, I am new"  # not a certificate's part, not lower case
