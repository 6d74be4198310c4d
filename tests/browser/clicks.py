"""A click counter for the journeys whose budget is the number of user actions (issue 15)."""

# A document the request renders (a class's sheets): the default 30 s is too short on a loaded CI machine.
PDF_TIMEOUT_MS = 120_000


def import_class_list(page, clicks, path, shoot, screenshot: str) -> None:
    """The staff member's step of both class journeys: the list checked, previewed and loaded."""
    from playwright.sync_api import expect

    clicks.click(page.get_by_role("link", name="Загрузить из Excel").first)
    clicks.file(page.get_by_label("Файл Excel (.xlsx)"), path)
    clicks.click(page.get_by_role("button", name="Проверить файл"))
    expect(page.get_by_text("Пропущены строки подписей и примечаний: 4")).to_be_visible()
    expect(page.get_by_role("columnheader", name="Дата рождения")).to_be_visible()
    shoot(screenshot)
    clicks.click(page.get_by_role("button", name="Подтвердить загрузку"))
    expect(page.get_by_text("Загружено: добавлено 22, обновлено 0, без изменений 0.")).to_be_visible()


class Clicks:
    """Counts what the user does, step by step."""

    def __init__(self):
        self.count = 0
        self.steps: dict[str, int] = {}
        self._mark = 0

    def click(self, locator):
        self.count += 1
        locator.click()

    def check(self, locator):
        self.count += 1
        locator.check()

    def select(self, locator, label):
        self.count += 1
        locator.select_option(label=label)

    def fill(self, locator, text):
        self.count += 1
        locator.fill(text)

    def file(self, locator, path):
        self.count += 1
        locator.set_input_files(str(path))

    def menu(self, page, group: str, item: str):
        """A menu entry inside a dropdown group of the top bar: two clicks."""
        self.click(page.get_by_role("button", name=group))
        self.click(page.locator(".dropdown-menu.show").get_by_role("link", name=item))

    def step(self, name: str) -> None:
        self.steps[name] = self.count - self._mark
        self._mark = self.count
