"""After `pip install .`, `icpa build --check` and `validate` worked on the copies inside
site-packages, so a curator's edits in the checkout were ignored ("up to date")."""

from .conftest import run


def test_build_check_in_a_checkout_sees_its_edits(checkout):
    path = checkout / "data" / "a000.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Steve Smith", "label: Professor Steve Smith", 1),
                    encoding="utf-8")
    result = run("build", "--check", cwd=checkout / "queries")  # anywhere inside the checkout
    assert result.code == 1, result.out + result.err
    assert str(checkout / "ontology" / "icpa-data.ttl") in result.one_line() and "stale" in result.one_line()


def test_validate_in_a_checkout_checks_its_files(checkout):
    (checkout / "ontology" / "icpa-data.ttl").write_text("@prefix : <http://x/> .\n:a :b :c .\n", encoding="utf-8")
    result = run("validate", "--no-java", cwd=checkout)
    assert result.code == 1
    assert "stale" in result.out
