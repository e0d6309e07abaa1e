"""The HTML map in real headless Chromium (Debian's chromium and chromium-driver): clicking a
claim shows its quote and article, so does Enter on a focused node, the page fetches nothing,
and a screenshot is kept in tests/.artefacts/ to look at."""

from __future__ import annotations

import shutil

import pytest

from icpa.debate.maps import MapOptions

from ..conftest import CORPUS, ROOT

pytestmark = pytest.mark.browser
ARTEFACTS = ROOT / "tests" / ".artefacts"


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    assert shutil.which("chromium") and shutil.which("chromedriver"), "apt-get install chromium chromium-driver (scripts/test.sh does)"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


def test_clicking_a_claim_shows_its_quote_and_article(browser, tmp_path, corpus_debate):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from icpa import api

    page = tmp_path / "map.html"
    api.argument_map(MapOptions(topics=("MarketCompetition",)), "html", page, corpus=CORPUS)
    browser.get(page.as_uri())
    claim = corpus_debate.claims["https://w3id.org/icpa/data/a004-c04"]
    node = browser.find_element(By.ID, "icpad:a004-c04")
    node.click()
    detail = browser.find_element(By.ID, "detail").text
    assert claim.quotes[0].exact in detail and claim.quotes[0].anchor in detail
    assert "Comment by Chris Ham" in detail  # the article, named
    ARTEFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTEFACTS / "map-clicked.png"))

    other = browser.find_element(By.ID, "icpad:a004-c05")  # from the keyboard: focus and Enter
    browser.execute_script("arguments[0].focus()", other)
    other.send_keys(Keys.ENTER)
    assert corpus_debate.claims["https://w3id.org/icpa/data/a004-c05"].quotes[0].exact in browser.find_element(By.ID, "detail").text
    assert browser.execute_script("return document.activeElement.getAttribute('role')") == "button"
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0  # nothing fetched


def test_zoom_keys_change_the_scale(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from icpa import api

    page = tmp_path / "net.html"
    from icpa.debate.networks import Options

    api.network(Options(kind="actor-actor"), "html", page, corpus=CORPUS)
    browser.get(page.as_uri())
    view = browser.find_element(By.ID, "view")
    before = browser.execute_script("return document.querySelector('#view svg').style.transform")
    view.send_keys("+")
    after = browser.execute_script("return document.querySelector('#view svg').style.transform")
    assert before != after and "scale" in after
    browser.save_screenshot(str(ARTEFACTS / "network.png"))


def test_the_png_pictures_open_in_the_browser(browser, tmp_path):
    from icpa import api
    from icpa.debate.networks import Options

    for name, make in (("map.png", lambda p: api.argument_map(MapOptions(articles=("a003",)), "png", p, corpus=CORPUS)),
                       ("net.png", lambda p: api.network(Options(kind="actor-actor"), "png", p, corpus=CORPUS))):
        path = tmp_path / name
        make(path)
        browser.get(path.as_uri())
        width, height = browser.execute_script("var i = document.images[0]; return [i.naturalWidth, i.naturalHeight]")
        assert width > 300 and height > 300
