"""The stored case (SQLAlchemy 2)."""
import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, Boolean, DateTime, Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

JSONDocument = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    pass


def new_token():
    # 32 random bytes: the result page's address must not be guessable.
    return secrets.token_urlsafe(32)


def utcnow():
    return datetime.now(timezone.utc)


class Case(Base):
    # Prefixed so the tables sit safely in a host intranet's own database.
    __tablename__ = "screening_case"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True, default=utcnow)
    record: Mapped[dict] = mapped_column(JSONDocument)
    language: Mapped[str] = mapped_column(String(8))
    disposition: Mapped[str] = mapped_column(String(16))
    emergency: Mapped[bool] = mapped_column(Boolean)
    rule_ids: Mapped[list] = mapped_column(JSONDocument)
    rules_version: Mapped[str] = mapped_column(String(64))

    def __repr__(self):
        # Never the record: reprs end up in logs and tracebacks.
        return f"<Case {self.id} {self.disposition}>"
