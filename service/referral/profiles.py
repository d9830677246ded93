"""Profiles of the phone login family: anyone's to read, your own to change, and invite codes.

The family's profiles are the users who have a phone number; accounts that only ever used
another family are not listed or found here. A profile is found by username first, then by
phone number written in any format.
"""

from dataclasses import dataclass

from flask import current_app

from dao.accounts import UserDAO
from dao.model.accounts import User
from helpers import phone
from helpers.errors import AlreadyActivated, Forbidden, Invalid, NotFound
from helpers.pagination import PageRequest
from service.base import Service

# Profile field -> users column (first and last name are the shared name and surname).
PROFILE_COLUMNS = {"first_name": "name", "last_name": "surname", "username": "username"}
NO_SUCH_CODE = "There is no such invite code."
OWN_CODE = "You cannot activate your own invite code."
USERNAME_TAKEN = "A user with this username already exists."
USERNAME_IS_PHONE = "A username cannot be a phone number."


@dataclass(frozen=True)
class Profile:
    first_name: str
    last_name: str
    username: str
    telephone_number: str
    invite_code: str
    activated_invite_code: str
    invite_code_list: list[str]

    @classmethod
    def of(cls, user: User, invitee_phones: list[str]) -> "Profile":
        return cls(
            first_name=user.name or "",
            last_name=user.surname or "",
            username=user.username or "",
            telephone_number=user.phone or "",
            invite_code=user.invite_code or "",
            activated_invite_code=user.activated_invite_code or "",
            invite_code_list=invitee_phones,
        )


class ReferralService(Service):
    def __init__(self, users: UserDAO):
        super().__init__(users.session)
        self.users = users

    def list_profiles(self, page: PageRequest) -> list[Profile]:
        """Every phone user's profile (or one page), in two queries whatever the count."""
        return self._profiles(
            self.users.page_with_phone(page.offset, page.limit, page.newest_first)
        )

    def get_profile(self, key: str) -> Profile:
        """The profile of the user whose username or phone number is `key`; raise NotFound."""
        return self._profiles([self._find(key)])[0]

    def update_profile(self, actor: User, key: str, changes: dict) -> Profile:
        """Change names or username, or activate someone's invite code, on one's own profile.

        Raises NotFound, Forbidden (not the owner), Invalid (username taken or a phone number,
        own code), NotFound (no such invite code) and AlreadyActivated (a second activation).
        """
        with self._transaction():
            user = self._find(key)
            if user.id != actor.id:
                raise Forbidden("Only the owner may change this profile.")
            if "username" in changes:
                self._check_username(user, changes["username"])
            columns = {PROFILE_COLUMNS[k]: v for k, v in changes.items() if k in PROFILE_COLUMNS}
            if not self.users.try_save(user, columns):  # a concurrent change took the username
                raise Invalid(USERNAME_TAKEN, {"username": [USERNAME_TAKEN]})
            if "activated_invite_code" in changes:
                self._activate(user, changes["activated_invite_code"])
            return self._profiles([user])[0]

    def _find(self, key: str) -> User:
        user = self.users.get_by_username(key)
        if user is None or user.phone is None:
            try:
                user = self.users.get_by_phone(phone.normalise(key, self._region))
            except phone.InvalidPhoneNumber:
                user = None
        if user is None:
            raise NotFound("No user has this username or phone number.")
        return user

    def _check_username(self, user: User, username: str) -> None:
        # A username that reads as a number would hide that number's owner from lookups.
        if self._is_phone(username):
            raise Invalid(USERNAME_IS_PHONE, {"username": [USERNAME_IS_PHONE]})
        owner = self.users.get_by_username(username)
        if owner is not None and owner.id != user.id:
            raise Invalid(USERNAME_TAKEN, {"username": [USERNAME_TAKEN]})

    def _activate(self, user: User, code: str) -> None:
        field = "activated_invite_code"
        if user.activated_invite_code:
            raise AlreadyActivated(errors={field: [AlreadyActivated.message]})
        inviter = self.users.get_by_invite_code(code)
        if inviter is None:
            raise NotFound(NO_SUCH_CODE, {field: [NO_SUCH_CODE]})
        if inviter.id == user.id:
            raise Invalid(OWN_CODE, {field: [OWN_CODE]})
        if not self.users.activate_invite(user, code):  # a concurrent request got there first
            raise AlreadyActivated(errors={field: [AlreadyActivated.message]})

    def _profiles(self, users: list[User]) -> list[Profile]:
        codes = [user.invite_code for user in users if user.invite_code]
        invitees = self.users.invitee_phones(codes) if codes else {}
        return [Profile.of(user, invitees.get(user.invite_code, [])) for user in users]

    def _is_phone(self, text: str) -> bool:
        try:
            phone.normalise(text, self._region)
        except phone.InvalidPhoneNumber:
            return False
        return True

    @property
    def _region(self) -> str:
        return current_app.config["PHONE_REGION"]
